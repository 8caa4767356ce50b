package io.scmpush.hardening;

import static io.scmpush.hardening.FaultMatrixTest.figure;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/reliability.md} shows the fault matrix and the figures this module's tests establish; each
 * figure is true because the test named beside it passes.
 */
class ReliabilityDocTest {

    @Test
    void the_document_shows_the_fault_matrix_and_this_modules_figures() {
        List<String> lines = new ArrayList<>(FaultMatrixTest.markdown(FaultMatrixTest.EXPECTED));
        int faults = FaultMatrixTest.EXPECTED.size();
        int providers = FaultMatrixTest.MODELS.size();
        lines.add(figure("faults tried",
                faults * providers + " (" + faults + " faults × " + providers + " providers)"));
        lines.add(figure("duplicates created", "0")); // FaultMatrixTest: one copy when PUSHED, none otherwise
        lines.add(figure("leaks found", "0")); // SecretsWatch, over FaultMatrixTest and ConcurrencyTest
        lines.add(figure("concurrent pushes", String.format("%,d", ConcurrencyTest.CERTIFICATES)
                + " certificates by " + ConcurrencyTest.THREADS + " threads sharing one ScmPush: each PUSHED once, "
                + "none lost, no thread left after close()"));
        ReliabilityDoc.assertHasLines(lines);
    }
}
