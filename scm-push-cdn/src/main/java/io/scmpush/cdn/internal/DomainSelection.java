package io.scmpush.cdn.internal;

import io.scmpush.PushTarget;
import io.scmpush.cdn.Cdn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The acceleration domains one CDN target sets the certificate on, or why it cannot: the domains named
 * with {@link Cdn#domains(String...)}, else every acceleration domain the certificate covers. The rule
 * {@code DOMAIN_NOT_ONBOARDED} reports the problems; the push writes the domains. Pure.
 *
 * @param domains where to set the certificate, lower case, in inventory (or the target's) order
 * @param problems why the target cannot be pushed as asked; empty when it can
 */
record DomainSelection(List<String> domains, List<String> problems) {

    DomainSelection {
        domains = List.copyOf(domains);
        problems = List.copyOf(problems);
    }

    static DomainSelection of(List<String> certificateDomains, PushTarget target, List<String> accelerationDomains) {
        String option = target.options().get(Cdn.DOMAINS);
        if (option == null) {
            return matching(certificateDomains, accelerationDomains);
        }
        List<String> named = named(option);
        if (named.isEmpty()) {
            return new DomainSelection(List.of(), List.of("the option '" + Cdn.DOMAINS + "' names no domain: use"
                    + " Cdn.domains(...) with at least one, or Cdn.matchingDomains()"));
        }
        return checked(named, certificateDomains, accelerationDomains);
    }

    /**
     * Whether a certificate name covers a domain: the same name, or a wildcard {@code *.example.com}
     * and a domain exactly one label below it ({@code a.example.com}; not {@code example.com}, not
     * {@code a.b.example.com}). Case-insensitive, as DNS is.
     */
    static boolean covers(String certificateDomain, String domain) {
        String name = normalize(certificateDomain);
        String host = normalize(domain);
        if (name.equals(host)) {
            return true;
        }
        if (!name.startsWith("*.")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(name.substring(2));
    }

    private static DomainSelection matching(List<String> certificateDomains, List<String> accelerationDomains) {
        Set<String> covered = new LinkedHashSet<>();
        for (String domain : accelerationDomains) {
            String name = normalize(domain);
            if (coveredBy(certificateDomains, name)) {
                covered.add(name);
            }
        }
        if (covered.isEmpty()) {
            return new DomainSelection(List.of(), List.of("none of the certificate's domains " + certificateDomains
                    + " is an acceleration domain of this account (found " + accelerationDomains.size()
                    + " usable): add one in the CDN console first, or push to another service"));
        }
        return new DomainSelection(List.copyOf(covered), List.of());
    }

    private static DomainSelection checked(List<String> named, List<String> certificateDomains,
            List<String> accelerationDomains) {
        Set<String> onboarded = new LinkedHashSet<>();
        accelerationDomains.forEach(domain -> onboarded.add(normalize(domain)));
        List<String> problems = new ArrayList<>();
        for (String domain : named) {
            if (!coveredBy(certificateDomains, domain)) {
                problems.add(domain + " is not covered by the certificate, whose domains are " + certificateDomains);
            }
            if (!onboarded.contains(domain)) {
                problems.add(domain + " is not a usable acceleration domain of this account: add it in the CDN"
                        + " console (or wait until it is online), or leave it out of Cdn.domains(...)");
            }
        }
        return new DomainSelection(problems.isEmpty() ? named : List.of(), problems);
    }

    private static boolean coveredBy(List<String> certificateDomains, String domain) {
        for (String name : certificateDomains) {
            if (covers(name, domain)) {
                return true;
            }
        }
        return false;
    }

    /** The domains of the comma-separated {@link Cdn#DOMAINS} option, normalized, without duplicates. */
    private static List<String> named(String option) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : option.split(",")) {
            if (!name.isBlank()) {
                names.add(normalize(name));
            }
        }
        return List.copyOf(names);
    }

    private static String normalize(String domain) {
        return domain.trim().toLowerCase(Locale.ROOT);
    }
}
