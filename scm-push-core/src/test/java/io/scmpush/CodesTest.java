package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleEngine;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodesTest {

    @Test
    void every_code_constant_is_named_after_its_value() throws IllegalAccessException {
        for (Class<?> codes : List.of(RuleCodes.class, OutcomeCodes.class, ConfigurationCodes.class,
                CertificateCodes.class)) {
            for (Field field : constants(codes)) {
                assertThat(field.get(null)).as(codes.getSimpleName() + "." + field.getName())
                        .isEqualTo(field.getName());
            }
        }
    }

    @Test
    void every_built_in_rule_id_is_a_rule_code() throws IllegalAccessException {
        List<Object> ruleCodes = new ArrayList<>();
        for (Field field : constants(RuleCodes.class)) {
            ruleCodes.add(field.get(null));
        }

        assertThat(ruleCodes).containsAll(RuleEngine.standard().ruleIds());
    }

    @Test
    void no_code_is_published_twice() throws IllegalAccessException {
        List<Object> all = new ArrayList<>();
        for (Class<?> codes : List.of(RuleCodes.class, OutcomeCodes.class, ConfigurationCodes.class,
                CertificateCodes.class)) {
            for (Field field : constants(codes)) {
                all.add(field.get(null));
            }
        }

        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void a_status_without_a_service_code_is_http_and_the_status() {
        assertThat(OutcomeCodes.httpStatus(503)).isEqualTo("HTTP_503");
    }

    private static List<Field> constants(Class<?> codes) {
        List<Field> fields = new ArrayList<>();
        for (Field field : codes.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                fields.add(field);
            }
        }
        return fields;
    }
}
