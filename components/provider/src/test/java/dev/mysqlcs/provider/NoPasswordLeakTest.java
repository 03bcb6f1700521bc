package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import dev.mysqlcs.fake.FakeAdminApiShell;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.PrimaryControl;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root password travels only on mysqlsh's stdin and inside secret-wrapped properties: never in an argv handed to
 * the exec layer, a log line, an error message or a plain output, over the whole DR runbook.
 */
class NoPasswordLeakTest {

    @Test
    void thePasswordIsOnlyOnStdinAndInSecrets() {
        List<String> errors = new ArrayList<>();
        try (ProviderHarness h = new ProviderHarness(ConfigFixtures.prod())) {
            h.world.operatorCreates("prd").operatorCreates("dr");
            h.world.write("prd", "shop");
            var prod = h.stack("prod");
            var dr = h.stack("dr");
            prod.preview(ConfigFixtures.prod());
            prod.up(ConfigFixtures.prod());
            dr.preview(ConfigFixtures.dr());
            dr.up(ConfigFixtures.dr());
            dr.up(PrimaryControl.dr("dr", 1, false));
            collect(errors, () -> prod.up(ConfigFixtures.prod()));
            h.world.kubeDown("dr", true);
            collect(errors, () -> prod.up(PrimaryControl.prod("prd", 2, false)));
            prod.up(PrimaryControl.prod("prd", 2, true));
            h.world.kubeDown("dr", false);
            dr.up(PrimaryControl.dr("prd", 2, false));
            prod.refresh();
            dr.refresh();
            collect(errors, prod::destroy);
            dr.destroy();
            collect(errors, prod::destroy);

            // The last destroy releases the ClusterSet without dissolving prd (issue 10 item 3): no refusal there.
            assertEquals(3, errors.size(), "refusals happened along the way: " + errors);
            String pw = ProviderHarness.PASSWORD;
            assertFalse(h.shell.invocations().isEmpty());
            for (FakeAdminApiShell.Invocation i : h.shell.invocations()) {
                assertFalse(String.join(" ", i.argv()).contains(pw), "argv: " + i.argv());
                assertEquals(pw, i.stdin().split("\n")[0], "the password is on stdin");
            }
            for (String line : h.logLines) {
                assertFalse(line.contains(pw), line);
            }
            for (String e : errors) {
                assertFalse(e.contains(pw), e);
            }
            assertFalse(h.sentToEngine.isEmpty());
            for (Struct s : h.sentToEngine) {
                for (String v : ProviderHarness.plainStrings(s)) {
                    assertFalse(v.contains(pw), "plain output " + v);
                }
            }
            assertTrue(h.logLines.size() > 20);
        }
    }

    private static void collect(List<String> errors, Runnable r) {
        try {
            r.run();
        } catch (StatusRuntimeException e) {
            errors.add(e.getStatus().getDescription());
        }
    }
}
