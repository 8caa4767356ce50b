package io.scmpush.testkit;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.Credentials;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.support.SupportedJackson;
import io.scmpush.testkit.internal.Account;
import io.scmpush.testkit.internal.BindableResources;
import io.scmpush.testkit.internal.CloudEmulator;
import io.scmpush.testkit.internal.ReceivedRequest;
import io.scmpush.testkit.internal.ServedPorts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A local, stateful emulator of the Huawei Cloud APIs scm-push calls — IAM projects, WAF v1 and ELB v3
 * certificates, CDN domains and their HTTPS certificates, the certificate manager's (SCM v3) certificates —
 * on one loopback port, speaking their paths,
 * bodies, status codes and error envelopes. Thread-safe.
 *
 * <pre>{@code
 * try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
 *      ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build()) {
 *     scm.push(certificate).to(Waf.inRegions("cn-north-4")).execute();
 *     assertThat(cloud.certificates("waf", "cn-north-4")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>It routes by path: {@code /v3/projects} is IAM, {@code /v1/{project_id}/waf/...} WAF,
 * {@code /v3/{project_id}/elb/...} ELB, {@code /v1.0/cdn/...} CDN, {@code /v3/scm/...} SCM. Each region has one project
 * ({@link #projectId(String)}), and the project id in a path selects the region. Like API Gateway it
 * checks every request's SDK-HMAC-SHA256 signature against {@link #credentials()}; a missing or wrong
 * signature, an unknown access key or an {@code X-Sdk-Date} more than 15 minutes off is answered
 * {@code 401 APIG.0301}. A project-scoped call also needs a signed {@code X-Project-Id} equal to the
 * project in its path, and an {@code X-Domain-Id}, where sent, must be signed and name the account
 * (else {@code 403 APIG.0302}); a CDN call without {@code X-Domain-Id} is {@code 401 APIG.0301} (the
 * emulator's choice: the official SDK always sends it, and no code is documented for its absence); an
 * unknown path or method is {@code 404 APIG.0101}. IAM answers {@code GET /v3/auth/domains} with the
 * account, for clients that look its id up.
 *
 * <p>What the services answer where Huawei's API reference documents no code, so that tests can rely on it:
 * <table>
 * <caption>Emulated behaviour</caption>
 * <tr><th>case</th><th>WAF</th><th>ELB</th><th>CDN</th></tr>
 * <tr><td>service disabled</td><td>403 {@code WAF.00012005}</td>
 *     <td>404 {@code APIG.0101} (the region does not serve the v3 API)</td><td>403 {@code CDN.0004}</td></tr>
 * <tr><td>certificate and key do not match</td><td>400 {@code WAF.00011019}</td><td>400 {@code ELB.1011}</td>
 *     <td>400 {@code CDN.0002}</td></tr>
 * <tr><td>duplicate name</td><td>400 {@code WAF.00011016}</td><td>allowed</td><td>allowed</td></tr>
 * <tr><td>unknown id</td><td>404 {@code WAF.00014002}</td><td>404 {@code ELB.8904}</td><td>—</td></tr>
 * <tr><td>{@code failNext(.., 500)}</td><td>{@code WAF.00010001}</td><td>{@code ELB.0001}</td>
 *     <td>{@code CDN.0001}</td></tr>
 * </table>
 * {@code failNext} with 502 or 503 answers API Gateway's {@code APIG.0202}, with 504 {@code APIG.0201}.
 * CDN answers {@code config-https-info} with a per-domain result: an unknown domain, or one the
 * certificate does not cover, fails alone; more than 50 domains is 400 {@code CDN.0005}. Like the real
 * call, it resets what it is not sent to the official defaults (HTTP to the origin, no forced redirect,
 * HTTP/2 off): see {@link #configureCdnDomain} and {@link #cdnSettings}.
 */
public final class FakeHuaweiCloud implements AutoCloseable {
    private final CloudEmulator emulator;
    private final ServedPorts ports;

    private FakeHuaweiCloud(CloudEmulator emulator) {
        this.emulator = emulator;
        this.ports = new ServedPorts(emulator.bindable());
    }

    /**
     * Starts an emulator on a free port of 127.0.0.1, with no certificates and no CDN domains.
     *
     * @return the running emulator; close it when done
     * @throws io.scmpush.ConfigurationException {@code DEPENDENCY_VERSION} when the Jackson on the class
     *     path is one scm-push does not run on, as {@code ScmPush.builder().build()} would
     */
    public static FakeHuaweiCloud start() {
        return start(0);
    }

    private static FakeHuaweiCloud start(int port) {
        SupportedJackson.check();
        return new FakeHuaweiCloud(CloudEmulator.start(port, Clock.systemUTC()));
    }

    /** {@return the base URI of every emulated service and IAM, e.g. {@code http://127.0.0.1:41234}} */
    public URI endpoint() {
        return emulator.endpoint();
    }

    /** {@return the emulated account's access key, with its domain id; the same in every run} */
    public Credentials credentials() {
        return Credentials.of(Account.ACCESS_KEY, Account.SECRET_KEY).withDomainId(Account.DOMAIN_ID);
    }

    /**
     * The emulated account's access key without its domain id, as a user who sets none has it: a client
     * must then look the account id up ({@code GET /v3/auth/domains}) for CDN calls.
     *
     * @return the same access key and secret key as {@link #credentials()}, with no domain id
     */
    public Credentials credentialsWithoutDomainId() {
        return Credentials.of(Account.ACCESS_KEY, Account.SECRET_KEY);
    }

    /**
     * The account's project in {@code region}: 32 hex, the same in every run.
     *
     * @param region a region the emulator serves, such as {@code cn-north-4}
     * @return the project id
     * @throws IllegalArgumentException for a region the emulator does not serve
     */
    public String projectId(String region) {
        return Account.projectId(region).orElseThrow(() -> new IllegalArgumentException(
                "FakeHuaweiCloud has no project in " + region + "; its regions: " + Account.REGIONS));
    }

    /**
     * Adds another project named after {@code region}, so that IAM's lookup by name lists two, as an
     * account can make it: a client must then refuse to guess.
     *
     * @param region a region the emulator serves
     * @return the new project's id
     * @throws IllegalArgumentException for a region the emulator does not serve
     */
    public String addProject(String region) {
        return emulator.addProject(region);
    }

    /**
     * Adds an online CDN acceleration domain, without HTTPS, in the default enterprise project ({@code 0}).
     * Adding one twice changes nothing.
     *
     * @param domain the acceleration domain name, such as {@code www.example.com}
     * @throws IllegalArgumentException when the name is blank
     */
    public void addCdnDomain(String domain) {
        addCdnDomain(domain, "0");
    }

    /**
     * Adds an online CDN acceleration domain, without HTTPS, in an enterprise project. A CDN call with
     * {@code enterprise_project_id} sees the domains of that project only ({@code all}: every project); a
     * call without it sees every domain, as the account owner's does. Adding one twice changes nothing.
     *
     * @param domain the acceleration domain name
     * @param enterpriseProjectId its enterprise project, {@code 0} for the default one
     * @throws IllegalArgumentException when a value is blank
     */
    public void addCdnDomain(String domain, String enterpriseProjectId) {
        if (domain.isBlank() || enterpriseProjectId.isBlank()) {
            throw new IllegalArgumentException("a domain name and its enterprise project must not be blank");
        }
        emulator.addCdnDomain(domain, enterpriseProjectId);
    }

    /**
     * Adds a certificate to the certificate manager (SCM v3: list, show, export, push, batch-push), as
     * uploaded or issued there, under its {@link Certificate#name()}. A certificate without a private key
     * is one applied for with a manually generated CSR: SCM shows it with {@code push_support} {@code OFF},
     * exports it without a key and refuses to push it. A native push creates the certificate in the
     * emulated WAF or ELB (named after it, ELB with its {@code scm_certificate_id}) or sets it on the CDN
     * domains it covers, so that {@link #certificates(String, String)} shows it.
     *
     * @param certificate the chain and, unless applied for with a manual CSR, the key
     * @param status its status; {@link CertificateStatus#HOSTED} is SCM's {@code UPLOAD}
     * @return its SCM id, {@code scs} and 13 digits
     */
    public String addScmCertificate(Certificate certificate, CertificateStatus status) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(status, "status");
        return emulator.addScmCertificate(certificate.name(),
                status == CertificateStatus.HOSTED ? "UPLOAD" : status.name(), certificate.certificatePem(),
                certificate.privateKeyPem().orElse(null));
    }

    /**
     * Sets what a CDN domain's owner configured beside its certificate, as the CDN console would.
     *
     * @param domain a domain added with {@link #addCdnDomain(String)}
     * @param settings its origin protocol, forced redirect and HTTP/2
     * @throws IllegalArgumentException when the domain was not added
     */
    public void configureCdnDomain(String domain, CdnSettings settings) {
        emulator.configureCdnDomain(domain, Objects.requireNonNull(settings, "settings"));
    }

    /**
     * What a CDN domain is configured with now beside its certificate. A fresh domain has
     * {@link CdnSettings#DEFAULTS}.
     *
     * @param domain a domain added with {@link #addCdnDomain(String)}
     * @return its origin protocol, forced redirect and HTTP/2
     * @throws IllegalArgumentException when the domain was not added
     */
    public CdnSettings cdnSettings(String domain) {
        return emulator.cdnSettings(domain);
    }

    /**
     * Adds a dedicated ELB (v3) listener without certificates, as ListListeners, ShowListener and
     * UpdateListener then serve it. An HTTPS, TERMINATED_HTTPS or QUIC listener takes a default certificate
     * (type {@code server}; once set it cannot be removed), an SNI list (server certificates with a domain, no
     * domain twice, at most 50 certificates) and, but for QUIC, a client CA (type {@code client}); any other
     * protocol takes none. A refused update answers 400 {@code ELB.1001}, an unknown certificate 404
     * {@code ELB.8904}.
     *
     * @param region the listener's region
     * @param protocol {@code HTTPS}, {@code TERMINATED_HTTPS}, {@code QUIC}, {@code TCP}, {@code UDP},
     *     {@code HTTP}, {@code TLS} or {@code IP}
     * @return the listener's id
     * @throws IllegalArgumentException for a region or protocol the emulator does not serve
     */
    public String addElbListener(String region, String protocol) {
        return emulator.bindable().addElbListener(region, protocol, emulator.now());
    }

    /**
     * Adds an HTTPS protected host to WAF, without a certificate: cloud mode (ListHost, ShowHost, UpdateHost
     * by {@code PATCH /v1/{project_id}/waf/instance/{id}}) or dedicated mode (ListPremiumHost,
     * ShowPremiumHost, UpdatePremiumHost by {@code PUT /v1/{project_id}/premium-waf/host/{id}}). An update
     * sets {@code certificateid} and {@code certificatename} together, naming a certificate of the region's
     * WAF store by its own name (else 400 {@code WAF.00011001}; an unknown id 404 {@code WAF.00014002}).
     * ListCertificates with {@code host=true} lists the certificates hosts reference, each with its
     * {@code bind_host} entries ({@code id}, {@code hostname}, {@code waf_type}).
     *
     * @param region the host's region
     * @param hostname the protected domain, e.g. {@code www.example.com}
     * @param premium true for a dedicated-mode host
     * @return the host's id
     * @throws IllegalArgumentException for a region the emulator does not serve
     */
    public String addWafHost(String region, String hostname, boolean premium) {
        return emulator.bindable().addWafHost(region, hostname, premium, emulator.now());
    }

    /**
     * What a binding's place serves now, in the service's order: a listener's default certificate, its SNI
     * list or its client CA; a WAF host's certificate; for a CDN domain its certificate, whose id is its name.
     *
     * @param binding a binding made by {@code Elb}, {@code Waf} or {@code Cdn}
     * @return the certificates with their SHA-256 fingerprints; empty when the place is empty
     * @throws IllegalArgumentException for a resource the emulator does not have
     */
    public List<RemoteCertificate> bound(Binding binding) {
        return emulator.bindable().held(binding).stream().map(BindableResources.Held::certificate).toList();
    }

    /**
     * Makes a service answer as it does for an account that has not enabled it.
     *
     * @param service {@code waf}, {@code elb} or {@code cdn}
     * @param region the region of a regional service (null: every region); null for CDN
     */
    public void disableService(String service, @Nullable String region) {
        emulator.disableService(service, region);
    }

    /**
     * The certificates a service holds now, with their SHA-256 fingerprints. For CDN one entry per
     * acceleration domain with HTTPS on: its id is the domain name, its name the certificate's.
     *
     * @param service {@code waf}, {@code elb} or {@code cdn}
     * @param region the region of WAF or ELB; null for CDN
     * @return the certificates, in the order the service lists them
     */
    public List<RemoteCertificate> certificates(String service, @Nullable String region) {
        return emulator.certificates(service, region);
    }

    /** {@return every request received, in arrival order, rejected ones included} */
    public List<RecordedRequest> requests() {
        return emulator.requests().stream().map(RecordedRequest::of).toList();
    }

    /**
     * Delays every request from now on before it is answered.
     *
     * @param latency the delay; {@link Duration#ZERO} ends it
     */
    public void latency(Duration latency) {
        emulator.latency(Objects.requireNonNull(latency, "latency"));
    }

    /**
     * Makes the next request to (service, region) fail with {@code status} in that service's envelope,
     * after its signature is checked. Queued failures fire in order, one request each.
     *
     * @param service {@code iam}, {@code waf}, {@code elb}, {@code cdn} or {@code scm}
     * @param region null: the next request to the service in any region (always null for CDN, SCM and IAM)
     * @param status the HTTP status to answer, such as 500 or 503
     */
    public void failNext(String service, @Nullable String region, int status) {
        emulator.fail(service, region, status);
    }

    /**
     * Makes the next request to (service, region) fail as throttled: 429 {@code APIG.0308}.
     *
     * @param service {@code iam}, {@code waf}, {@code elb}, {@code cdn} or {@code scm}
     * @param region null: the next request to the service in any region (always null for CDN, SCM and IAM)
     */
    public void throttleNext(String service, @Nullable String region) {
        emulator.fail(service, region, 429);
    }

    /**
     * A loopback TLS port that presents what the binding's resource serves at the moment of each handshake, so
     * that a test can push, bind, rotate and then verify over a real handshake: for an ELB listener the SNI
     * certificate whose domain matches the client's server name (an exact name before a wildcard), else its
     * default certificate (every listener kind of one listener shares its port); for a WAF host its certificate;
     * for a CDN domain its certificate. A handshake fails when the resource serves nothing. Nothing is answered
     * after the handshake. Started on first use; {@link #close()} closes it.
     *
     * <pre>{@code
     * InetSocketAddress port = cloud.serve(Elb.listener("cn-north-4", listenerId));
     * scm.verify(cert, Verification.of("www.example.com").at(port.getHostString(), port.getPort()));
     * }</pre>
     *
     * @param binding a binding made by {@code Elb}, {@code Waf} or {@code Cdn}
     * @return the port's address on the loopback interface
     * @throws IllegalArgumentException for a resource the emulator does not have
     * @throws IllegalStateException once this emulator is closed
     */
    public InetSocketAddress serve(Binding binding) {
        return ports.serve(Objects.requireNonNull(binding, "binding"));
    }

    /** Stops the server and its threads. Idempotent. */
    @Override
    public void close() {
        ports.close();
        emulator.close();
    }

    @Override
    public String toString() {
        return "FakeHuaweiCloud[" + endpoint() + "]";
    }

    /**
     * The settings of a CDN domain that setting a certificate must not change.
     *
     * @param originProtocol how CDN pulls from the origin: {@code follow} (the client's protocol),
     *     {@code http} or {@code https}
     * @param forceRedirect the forced redirect: {@code off}, {@code http} or {@code https}
     * @param http2 whether HTTP/2 is on
     */
    public record CdnSettings(String originProtocol, String forceRedirect, boolean http2) {
        /** What a new domain has, and what {@code config-https-info} sets when a call omits them. */
        public static final CdnSettings DEFAULTS = new CdnSettings("http", "off", false);

        /**
         * Checks each value against those the CDN API knows.
         *
         * @param originProtocol {@code follow}, {@code http} or {@code https}
         * @param forceRedirect {@code off}, {@code http} or {@code https}
         * @param http2 whether HTTP/2 is on
         * @throws IllegalArgumentException for a value the CDN API does not know
         */
        public CdnSettings {
            if (!java.util.Set.of("follow", "http", "https").contains(originProtocol)) {
                throw new IllegalArgumentException("originProtocol is follow, http or https, was " + originProtocol);
            }
            if (!java.util.Set.of("off", "http", "https").contains(forceRedirect)) {
                throw new IllegalArgumentException("forceRedirect is off, http or https, was " + forceRedirect);
            }
        }
    }

    /**
     * A request as the emulator received it.
     *
     * @param method the HTTP method
     * @param path the raw path, still percent-encoded
     * @param query the raw query string without {@code ?}, "" when none
     * @param headers header names are matched case-insensitively
     * @param body the body as UTF-8 text, "" when none
     */
    public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
            String body) {

        /**
         * Copies the headers into an unmodifiable map with case-insensitive names.
         *
         * @param method the HTTP method
         * @param path the raw path, still percent-encoded
         * @param query the raw query string without {@code ?}, "" when none
         * @param headers the headers as received
         * @param body the body as UTF-8 text, "" when none
         */
        public RecordedRequest {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            headers = Collections.unmodifiableMap(copy);
        }

        static RecordedRequest of(ReceivedRequest r) {
            return new RecordedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                    new String(r.body(), StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            // Never the body or the Authorization header: a body may carry a private key.
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " (" + body.length() + " chars)";
        }
    }

    /**
     * Runs an emulator until the process is stopped: {@code java ... FakeHuaweiCloud [port [cdn-domain ...]]}.
     * Prints its endpoint and the test access key to use with it.
     *
     * @param args an optional port (0 or none: a free one), then CDN acceleration domains to add
     * @throws InterruptedException when the main thread is interrupted while the emulator runs
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        FakeHuaweiCloud cloud = start(port);
        for (int i = 1; i < args.length; i++) {
            cloud.addCdnDomain(args[i]);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }, "fake-huawei-cloud-shutdown"));
        // The emulator's own test key is not a secret: printing it is how a user points a client at it.
        System.out.println("FakeHuaweiCloud listening on " + cloud.endpoint());
        System.out.println("HUAWEICLOUD_SDK_AK=" + Account.ACCESS_KEY);
        System.out.println("HUAWEICLOUD_SDK_SK=" + Account.SECRET_KEY);
        System.out.println("HUAWEICLOUD_SDK_DOMAIN_ID=" + Account.DOMAIN_ID);
        System.out.println("project of cn-north-4: " + cloud.projectId("cn-north-4"));
        if (args.length > 1) {
            System.out.println("CDN domains: " + String.join(", ", List.of(args).subList(1, args.length)));
        }
        System.out.println("Stop with Ctrl-C.");
        stopped.await();
    }
}
