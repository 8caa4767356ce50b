package io.scmpush.internal.rules;

import io.scmpush.rules.PushRule;
import io.scmpush.rules.RuleCodes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in rules of {@code RuleEngine.standard()} and their codes, which are also their ids. */
public final class StandardRules {
    public static final String CERT_STATUS = RuleCodes.CERT_STATUS;
    public static final String MANUAL_CSR = RuleCodes.MANUAL_CSR;
    public static final String PRIVATE_KEY_REQUIRED = RuleCodes.PRIVATE_KEY_REQUIRED;
    public static final String REGION_REQUIRED = RuleCodes.REGION_REQUIRED;
    public static final String REGION_LIMIT = RuleCodes.REGION_LIMIT;
    public static final String REGION_NOT_APPLICABLE = RuleCodes.REGION_NOT_APPLICABLE;
    public static final String ALREADY_PUSHED = RuleCodes.ALREADY_PUSHED;
    public static final String NAME_CONFLICT = RuleCodes.NAME_CONFLICT;
    public static final String SERVICE_UNAVAILABLE = RuleCodes.SERVICE_UNAVAILABLE;
    public static final String CERT_EXPIRED = RuleCodes.CERT_EXPIRED;
    public static final String CERT_NOT_YET_VALID = RuleCodes.CERT_NOT_YET_VALID;
    public static final String CERT_EXPIRING_SOON = RuleCodes.CERT_EXPIRING_SOON;
    public static final String WEAK_KEY = RuleCodes.WEAK_KEY;
    public static final String UNKNOWN_SERVICE = RuleCodes.UNKNOWN_SERVICE;
    public static final String DUPLICATE_TARGET = RuleCodes.DUPLICATE_TARGET;

    private static final Map<String, PushRule> ALL = all();

    private StandardRules() {}

    /** Every built-in rule by id, in the README's table order (DOMAIN_NOT_ONBOARDED is the CDN provider's). */
    public static Map<String, PushRule> rules() {
        return ALL;
    }

    private static Map<String, PushRule> all() {
        Map<String, PushRule> rules = new LinkedHashMap<>();
        rules.put(CERT_STATUS, CertificateRules::status);
        rules.put(MANUAL_CSR, CertificateRules::manualCsr);
        rules.put(PRIVATE_KEY_REQUIRED, TargetRules::privateKeyRequired);
        rules.put(REGION_REQUIRED, TargetRules::regionRequired);
        rules.put(REGION_LIMIT, TargetRules::regionLimit);
        rules.put(REGION_NOT_APPLICABLE, TargetRules::regionNotApplicable);
        rules.put(ALREADY_PUSHED, InventoryRules::alreadyPushed);
        rules.put(NAME_CONFLICT, InventoryRules::nameConflict);
        rules.put(SERVICE_UNAVAILABLE, InventoryRules::serviceUnavailable);
        rules.put(CERT_EXPIRED, CertificateRules::expired);
        rules.put(CERT_NOT_YET_VALID, CertificateRules::notYetValid);
        rules.put(CERT_EXPIRING_SOON, CertificateRules::expiringSoon);
        rules.put(WEAK_KEY, CertificateRules::weakKey);
        rules.put(UNKNOWN_SERVICE, TargetRules::unknownService);
        rules.put(DUPLICATE_TARGET, TargetRules::duplicateTarget);
        return Collections.unmodifiableMap(rules);
    }
}
