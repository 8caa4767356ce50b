package io.scmpush.scm;

import io.scmpush.CertificateStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which certificates {@link ScmCertificates#list(ScmQuery)} returns. Immutable: every method returns a new
 * query; the filters combine (all must hold).
 *
 * <pre>{@code
 * ScmQuery.all().status(CertificateStatus.ISSUED).expiringWithin(Duration.ofDays(30))
 * }</pre>
 */
public final class ScmQuery {
    private static final ScmQuery ALL = new ScmQuery(null, null, null, null);

    private final @Nullable CertificateStatus status;
    private final @Nullable Duration expiringWithin;
    private final @Nullable String keyword;
    private final @Nullable String enterpriseProject;

    private ScmQuery(@Nullable CertificateStatus status, @Nullable Duration expiringWithin, @Nullable String keyword,
            @Nullable String enterpriseProject) {
        this.status = status;
        this.expiringWithin = expiringWithin;
        this.keyword = keyword;
        this.enterpriseProject = enterpriseProject;
    }

    /**
     * Every certificate of the account, in every enterprise project the caller may see.
     *
     * @return the query without filters
     */
    public static ScmQuery all() {
        return ALL;
    }

    /**
     * Only certificates in {@code status} (sent to SCM as {@code status}; {@link CertificateStatus#HOSTED}
     * is SCM's {@code UPLOAD}).
     *
     * @param status the status to keep
     * @return a new query
     */
    public ScmQuery status(CertificateStatus status) {
        return new ScmQuery(Objects.requireNonNull(status, "status"), expiringWithin, keyword, enterpriseProject);
    }

    /**
     * Only certificates whose expiry is known and at most {@code period} from now, already expired ones
     * included (combine with {@code status(ISSUED)} to leave those out). SCM has no such filter (its
     * {@code expired_days_since} is about certificates that have already expired), so this one is applied
     * to each listed certificate's {@code expire_time}.
     *
     * @param period how far ahead to look; not negative
     * @return a new query
     * @throws IllegalArgumentException when {@code period} is negative
     */
    public ScmQuery expiringWithin(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative()) {
            throw new IllegalArgumentException("expiringWithin needs a period of zero or more, was " + period);
        }
        return new ScmQuery(status, period, keyword, enterpriseProject);
    }

    /**
     * Only certificates whose name or domain contains {@code keyword} (SCM's {@code content} search).
     *
     * @param keyword the text to look for; not blank
     * @return a new query
     * @throws IllegalArgumentException when {@code keyword} is blank
     */
    public ScmQuery containing(String keyword) {
        Objects.requireNonNull(keyword, "keyword");
        if (keyword.isBlank()) {
            throw new IllegalArgumentException("containing(keyword) needs a keyword that is not blank");
        }
        return new ScmQuery(status, expiringWithin, keyword, enterpriseProject);
    }

    /**
     * Only certificates of one enterprise project ({@code enterprise_project_id}): {@code "0"} for the
     * default project, or a project's UUID.
     *
     * @param id the enterprise project id; not blank
     * @return a new query
     * @throws IllegalArgumentException when {@code id} is blank
     */
    public ScmQuery enterpriseProject(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("enterpriseProject(id) needs an id that is not blank");
        }
        return new ScmQuery(status, expiringWithin, keyword, id);
    }

    Optional<CertificateStatus> wantedStatus() {
        return Optional.ofNullable(status);
    }

    Optional<Duration> wantedExpiry() {
        return Optional.ofNullable(expiringWithin);
    }

    Optional<String> wantedKeyword() {
        return Optional.ofNullable(keyword);
    }

    Optional<String> wantedEnterpriseProject() {
        return Optional.ofNullable(enterpriseProject);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScmQuery q && Objects.equals(status, q.status)
                && Objects.equals(expiringWithin, q.expiringWithin) && Objects.equals(keyword, q.keyword)
                && Objects.equals(enterpriseProject, q.enterpriseProject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, expiringWithin, keyword, enterpriseProject);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ScmQuery[");
        String sep = "";
        if (status != null) {
            s.append("status=").append(status);
            sep = ", ";
        }
        if (expiringWithin != null) {
            s.append(sep).append("expiringWithin=").append(expiringWithin);
            sep = ", ";
        }
        if (keyword != null) {
            s.append(sep).append("containing=").append(keyword);
            sep = ", ";
        }
        if (enterpriseProject != null) {
            s.append(sep).append("enterpriseProject=").append(enterpriseProject);
        }
        return s.append(']').toString();
    }
}
