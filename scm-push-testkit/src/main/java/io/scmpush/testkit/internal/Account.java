package io.scmpush.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one emulated account: its access key, account (domain) id and one project per region. Ids are
 * derived from names, so they are the same in every run.
 */
public final class Account {
    /** The access key the emulator knows. Twenty characters, like a real AK. */
    public static final String ACCESS_KEY = "FAKEHWCLOUDAK0000001";
    /** Its secret key: a fixed test value, not a secret. */
    public static final String SECRET_KEY = "fakeHuaweiCloudSecretKeyForScmPushTests0";
    /** The account (domain) id, 32 hex. */
    public static final String DOMAIN_ID = hex32("domain");

    /** The region ids where Huawei Cloud offers WAF and ELB; each has one project. */
    public static final List<String> REGIONS = List.of("af-north-1", "af-south-1", "ae-ad-1", "ap-southeast-1",
            "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "cn-east-2", "cn-east-3",
            "cn-east-4", "cn-east-5", "cn-north-1", "cn-north-2", "cn-north-4", "cn-north-9", "cn-north-11",
            "cn-north-12", "cn-south-1", "cn-south-2", "cn-south-4", "cn-southwest-2", "cn-southwest-3", "eu-west-0",
            "eu-west-101", "la-north-2", "la-south-2", "me-east-1", "my-kualalumpur-1", "na-mexico-1",
            "ru-moscow-1", "ru-northwest-2", "sa-brazil-1", "tr-west-1");

    private static final Map<String, String> PROJECT_IDS = new HashMap<>();
    private static final Map<String, String> REGIONS_BY_PROJECT = new HashMap<>();

    static {
        for (String region : REGIONS) {
            String id = hex32("project " + region);
            PROJECT_IDS.put(region, id);
            REGIONS_BY_PROJECT.put(id, region);
        }
    }

    private Account() {}

    /** The project id of {@code region}; empty for a region the emulator does not serve. */
    public static Optional<String> projectId(String region) {
        return Optional.ofNullable(PROJECT_IDS.get(region));
    }

    /** The region of a project id of this account; empty for any other id. */
    static Optional<String> regionOf(String projectId) {
        return Optional.ofNullable(REGIONS_BY_PROJECT.get(projectId));
    }

    /** A fresh 32-hex id, the shape of WAF, ELB and CDN resource ids. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String hex32(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("scm-push FakeHuaweiCloud " + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
