// What each consumer project's user sees, read from the build log (the tests themselves assert the rest).
def log = new File(basedir, 'build.log').text

def expect = { String what, boolean holds ->
    if (!holds) {
        throw new AssertionError("consumer builds: " + what)
    }
}

expect('the class-path app pushed to WAF', log.contains('classpath-app: [waf/cn-north-4 PUSHED'))
expect('the JPMS app found the three providers and pushed',
        log.contains('module com.example.modular with io.scmpush.core, services [cdn, elb, waf]')
                && log.contains('outcome waf cn-north-4 PUSHED'))
expect('the third-party provider was discovered and pushed to', log.contains('acme-app: [acme PUSHED'))
expect('the provider compatibility kit ran its cases on JUnit 5.10',
        // its cases run in @Nested suites, which surefire reports under the kit's nested classes
        (log =~ 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: \\d+, Time elapsed: [^\\n]* in io\\.scmpush\\.testkit\\.ProviderCompatibilityKit\\$Push').find()
                && log.contains('in com.example.tests.WafCompatibilityTest'))
expect('WireMock and FakeHuaweiCloud ran side by side', log.contains('testkit-junit510-wiremock: Jackson 2.'))
expect('the push worked on the Jackson floor', log.contains("jackson-floor: Jackson ${jacksonFloor}, [waf/cn-north-4 PUSHED"))
expect('below the floor, build() named both versions',
        log.contains("jackson-below-floor: scm-push needs Jackson ${jacksonFloor} or later; found jackson-databind ${jacksonBelow}"))
return true
