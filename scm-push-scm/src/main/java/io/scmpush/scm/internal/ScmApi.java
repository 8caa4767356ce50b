package io.scmpush.scm.internal;

import io.scmpush.CertificateStatus;
import io.scmpush.CloudServiceException;
import io.scmpush.CsrOrigin;
import io.scmpush.OutcomeCodes;
import io.scmpush.scm.ManagedCertificate;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.support.JsonObject;
import io.scmpush.spi.support.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SCM v3's certificate calls (huawei-api-wave2.md §4, huawei-api.md §1), on the transport of an
 * {@code ScmPush}: signed, retried, with {@code X-Domain-Id} from the credentials (SCM is a global
 * service, so no call names a project). Thread-safe.
 */
public final class ScmApi {
    /** SCM's service id for endpoint overrides: {@code endpoint("scm", ...)}, {@code HUAWEICLOUD_SDK_REGION_SCM_*}. */
    public static final String SERVICE = "scm";
    /** The international site's SCM; the Chinese site is {@code cn-north-4}, reached with an endpoint override. */
    public static final String REGION = "ap-southeast-1";
    /** The largest page SCM serves ({@code limit} is 10, 20 or 50). */
    public static final int PAGE_SIZE = 50;
    /** The largest {@code offset} the SDK documents. */
    public static final int MAX_OFFSET = 100;

    private static final String PATH = "/v3/scm/certificates";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private final ProviderContext context;

    /** @param context the transport of the {@code ScmPush} whose credentials are used */
    public ScmApi(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** One page of {@code GET /v3/scm/certificates}. */
    public record Page(List<ManagedCertificate> certificates, int totalCount) {}

    /**
     * What {@code GET /v3/scm/certificates/{id}} says.
     *
     * @param notBefore {@code not_before}, null when unknown
     * @param fingerprint SCM's SHA-1 fingerprint of the leaf, lower-case hex without separators; null when none
     */
    public record Shown(ManagedCertificate certificate, @Nullable Instant notBefore, @Nullable String fingerprint) {}

    /**
     * What {@code POST .../export} returns: the chain and, when SCM holds it, the key.
     *
     * @param chainPem the certificate and its chain
     * @param privateKeyPem null for a certificate applied for with a manually generated CSR
     */
    public record Exported(String chainPem, @Nullable String privateKeyPem) {
        @Override
        public String toString() {
            return "Exported[" + chainPem.length() + " chars of chain, key " + (privateKeyPem != null) + "]";
        }
    }

    /**
     * One region's answer to a batch push.
     *
     * @param certId the certificate's id in the target service; null when the push failed there
     */
    public record Pushed(String projectName, @Nullable String certId, String message) {}

    /** A batch push's answer, with the call's request id and attempts. */
    public record BatchAnswer(List<Pushed> results, @Nullable String requestId, int attempts) {}

    /**
     * {@code GET /v3/scm/certificates?limit&offset[&status][&enterprise_project_id][&content]}.
     *
     * @param status SCM's status text, or null for all
     */
    public Page list(int offset, @Nullable String status, @Nullable String enterpriseProject, @Nullable String content) {
        CloudHttp.Request.Builder request = CloudHttp.Request.builder("GET", endpoint(), PATH).domainScoped(REGION)
                .query("limit", Integer.toString(PAGE_SIZE))
                .query("offset", Integer.toString(offset));
        if (status != null) {
            request.query("status", status);
        }
        if (enterpriseProject != null) {
            request.query("enterprise_project_id", enterpriseProject);
        }
        if (content != null) {
            request.query("content", content);
        }
        JsonValue body = JsonValue.parse(context.http().send(request.build()).body(), "SCM's certificate list");
        List<ManagedCertificate> page = new ArrayList<>();
        for (JsonValue item : body.path("certificates")) {
            String id = item.path("id").asText("");
            boolean deploySupport = item.path("deploy_support").asBoolean(false);
            CertificateStatus s = status(item.path("status").asText(""), id);
            page.add(new ManagedCertificate(id, item.path("name").asText(""), s, origin(s, deploySupport),
                    domains(item), ScmTimes.parse("expire_time", text(item, "expire_time"), id), deploySupport,
                    item.path("enterprise_project_id").asText("0")));
        }
        return new Page(page, body.path("total_count").asInt(page.size()));
    }

    /** {@code GET /v3/scm/certificates/{id}}. */
    public Shown show(String id) {
        JsonValue body = JsonValue.parse(context.http().send(
                CloudHttp.Request.builder("GET", endpoint(), PATH + "/" + checkedId(id)).domainScoped(REGION)
                        .build()).body(),
                "SCM's certificate " + id);
        CertificateStatus status = status(body.path("status").asText(""), id);
        boolean pushSupport = isOn(body.path("push_support").asText(""));
        ManagedCertificate certificate = new ManagedCertificate(body.path("id").asText(id),
                body.path("name").asText(""), status, origin(status, pushSupport), domains(body),
                ScmTimes.parse("not_after", text(body, "not_after"), id), pushSupport,
                body.path("enterprise_project_id").asText("0"));
        String fingerprint = text(body, "fingerprint");
        return new Shown(certificate, ScmTimes.parse("not_before", text(body, "not_before"), id),
                fingerprint == null ? null : fingerprint.replace(":", "").toLowerCase(Locale.ROOT));
    }

    /**
     * {@code POST /v3/scm/certificates/{id}/export}. The SDK's request has no body; {@code {}} is sent, as
     * Huawei's Go SDK does, since the call is declared {@code application/json}. Reading it twice does no
     * harm, so it is retried as a read.
     */
    public Exported export(String id) {
        JsonValue body = JsonValue.parse(context.http().send(CloudHttp.Request.builder("POST", endpoint(),
                PATH + "/" + checkedId(id) + "/export").jsonBody("{}").idempotent(true).domainScoped(REGION)
                .build()).body(),
                "SCM's export of " + id);
        String entire = text(body, "entire_certificate");
        String chainPem;
        if (entire != null) {
            chainPem = entire;
        } else {
            String leaf = text(body, "certificate");
            if (leaf == null) {
                throw CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, "SCM's export of " + id + " holds neither entire_certificate nor certificate")
                        .httpStatus(200).attempts(1).build();
            }
            String chain = text(body, "certificate_chain");
            chainPem = chain == null ? leaf : leaf.strip() + "\n" + chain.strip() + "\n";
        }
        return new Exported(chainPem, text(body, "private_key"));
    }

    /**
     * {@code POST /v3/scm/certificates/{id}/push} {@code {"target_service"[, "target_project"]}}: 204, no body.
     *
     * @param targetProject the target's region; null for CDN, which SCM pushes to without one
     * @return the call's request id and attempts, as a batch answer without results
     */
    public BatchAnswer push(String id, String targetService, @Nullable String targetProject) {
        JsonObject body = JsonObject.create();
        if (targetProject != null) {
            body.put("target_project", targetProject);
        }
        body.put("target_service", targetService);
        CloudHttp.Response response = context.http().send(CloudHttp.Request.builder("POST", endpoint(),
                PATH + "/" + checkedId(id) + "/push").jsonBody(body.toJson()).domainScoped(REGION).build());
        return new BatchAnswer(List.of(), response.requestId(), response.attempts());
    }

    /**
     * {@code POST /v3/scm/certificates/{id}/batch-push} {@code {"target_projects":[...], "target_service"}}
     * (1 to 10 regions) → {@code {"results":[{"project_name","cert_id","message"}]}}.
     */
    public BatchAnswer batchPush(String id, String targetService, List<String> regions) {
        JsonObject body = JsonObject.create();
        body.putStrings("target_projects", regions);
        body.put("target_service", targetService);
        CloudHttp.Response response = context.http().send(CloudHttp.Request.builder("POST", endpoint(),
                PATH + "/" + checkedId(id) + "/batch-push").jsonBody(body.toJson()).domainScoped(REGION)
                .build());
        JsonValue answer = JsonValue.parse(response.body(), "SCM's batch push of " + id);
        List<Pushed> results = new ArrayList<>();
        for (JsonValue result : answer.path("results")) {
            results.add(new Pushed(result.path("project_name").asText(""), text(result, "cert_id"),
                    result.path("message").asText("")));
        }
        return new BatchAnswer(results, response.requestId(), response.attempts());
    }

    private URI endpoint() {
        return context.endpoint(SERVICE, REGION);
    }

    private static String checkedId(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("An SCM certificate id is letters, digits, '-' and '_' (e.g. "
                    + "scs1554192131150), was \"" + (id.length() > 80 ? id.substring(0, 80) + "..." : id) + "\"");
        }
        return id;
    }

    /** SCM's status; its review states not in {@link CertificateStatus#fromScm} (e.g. CHECKING_DOMAIN) are CHECKING. */
    static CertificateStatus status(String text, String id) {
        try {
            return CertificateStatus.fromScm(text);
        } catch (IllegalArgumentException e) {
            if (text.toUpperCase(Locale.ROOT).contains("CHECKING")) {
                return CertificateStatus.CHECKING;
            }
            throw CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, "SCM answered status = \"" + text + "\" for certificate " + id + ", which is not a status SCM documents")
                    .httpStatus(200).attempts(1).build();
        }
    }

    /** An issued or hosted certificate SCM cannot push is one it holds no key for: a manual CSR. */
    static CsrOrigin origin(CertificateStatus status, boolean pushSupported) {
        boolean holdsCertificate = status == CertificateStatus.ISSUED || status == CertificateStatus.HOSTED;
        return holdsCertificate && !pushSupported ? CsrOrigin.MANUAL : CsrOrigin.SYSTEM;
    }

    /** {@code push_support} is a string; the documented example is {@code OFF}. */
    static boolean isOn(String pushSupport) {
        String s = pushSupport.trim().toUpperCase(Locale.ROOT);
        return s.equals("ON") || s.equals("TRUE") || s.equals("YES") || s.equals("1");
    }

    /** {@code domain}, then each of {@code sans} (one string, names separated by commas or spaces). */
    static List<String> domains(JsonValue certificate) {
        Set<String> domains = new LinkedHashSet<>();
        String domain = text(certificate, "domain");
        if (domain != null) {
            domains.add(domain.trim());
        }
        String sans = text(certificate, "sans");
        if (sans != null) {
            for (String san : SEPARATORS.split(sans.trim())) {
                if (!san.isEmpty()) {
                    domains.add(san);
                }
            }
        }
        return List.copyOf(domains);
    }

    private static @Nullable String text(JsonValue object, String field) {
        JsonValue value = object.path(field);
        return value.isMissing() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
