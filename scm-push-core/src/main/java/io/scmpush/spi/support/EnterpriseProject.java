package io.scmpush.spi.support;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.PushTarget;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The enterprise project a Huawei Cloud target names, read the same way by every provider (WAF, ELB,
 * CDN): the option {@value #OPTION}, sent as {@code enterprise_project_id}. Absent means the call goes
 * without it, so the service's own default applies (WAF and ELB create in the default project {@code 0};
 * ELB and CDN list every project the caller may see). A blank or malformed value is refused before any
 * call: a blank one would otherwise silently mean "the default".
 *
 * <pre>{@code
 * String project = EnterpriseProject.of(target, "WAF");     // null: leave the parameter out
 * if (project != null) {
 *     request.query("enterprise_project_id", project);
 * }
 * }</pre>
 */
public final class EnterpriseProject {
    /** The option key: the same for {@code Waf}, {@code Elb} and {@code Cdn}. */
    public static final String OPTION = "enterprise-project-id";

    /** {@code 0}, {@code all}, {@code all_granted_eps} or an id (a UUID): letters, digits, '-' and '_'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private EnterpriseProject() {}

    /**
     * Reads and checks the option: call it for every request a target makes, so that a malformed value fails
     * before anything is sent.
     *
     * @param target the target whose options are read
     * @param service the display name used in the error, e.g. {@code WAF}
     * @return the target's enterprise project id; null when the option is absent
     * @throws ConfigurationException {@code INVALID_ARGUMENT} when the option is blank or not an id
     */
    public static @Nullable String of(PushTarget target, String service) {
        String id = target.options().get(OPTION);
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT, service + ": option " + OPTION + " is "
                    + (id.isBlank() ? "blank" : "not an enterprise project id: '" + id + "'")
                    + "; give an id, \"0\" for the default project, or leave the option out");
        }
        return id;
    }
}
