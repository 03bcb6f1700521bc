package dev.mysqlcs.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import dev.mysqlcs.ClusterSetDeployment;
import dev.mysqlcs.ClusterSetDeploymentArgs;
import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.config.MeshConfigParser;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.model.Topology;
import java.util.function.Predicate;

/**
 * The stack program: config to a validated topology, then the library's {@link ClusterSetDeployment} (the mesh, the
 * MySQL Operator, the InnoDBClusters and the ClusterSet linkage of the Kubernetes clusters this stack deploys into),
 * whose outputs become the stack outputs.
 */
public final class Stack {

    private Stack() {}

    public static void define(Context ctx, Predicate<String> isSecret, boolean offline) {
        StackConfig config = readConfig(ctx, isSecret, offline);
        config.warnings().forEach(w -> ctx.log().warn(w));
        Topology topology = config.topology();

        ClusterSetDeploymentArgs.Builder args =
                ClusterSetDeploymentArgs.builder().topology(topology).rootPassword(config.rootPassword());
        // The CA comes from config (mysqlcs:meshCaCert, mysqlcs:meshCaKey), set once per stack from the same files,
        // so it is identical on every side and stable across runs by construction. Absent only in the offline plan
        // (a warning there); the parser made it an error everywhere else.
        if (topology.meshed() && topology.mesh().caConfigured()) {
            args.meshCa(
                    caValue(ctx, MeshConfigParser.MESH_CA_CERT, isSecret),
                    caValue(ctx, MeshConfigParser.MESH_CA_KEY, k -> true));
        }
        new ClusterSetDeployment(args.build()).outputs().forEach(ctx::export);
    }

    /** User errors end the run with one line per error and no stack trace (RunException is printed bare). */
    static StackConfig readConfig(Context ctx, Predicate<String> isSecret, boolean offline) {
        try {
            return StackConfig.read(ctx, isSecret, offline);
        } catch (InvalidConfigException e) {
            for (ConfigError error : e.errors()) {
                ctx.log().error(error.render());
            }
            throw new RunException(e.errors().size() + " config error(s) in stack " + ctx.stackName()
                    + "; nothing was changed:\n" + e.getMessage());
        }
    }

    /** A CA value from config: a secret Output when config holds it as a secret (always for the key). */
    private static Output<String> caValue(Context ctx, String key, Predicate<String> isSecret) {
        if (isSecret.test(TopologyParser.NAMESPACE + ":" + key)) {
            return ctx.config().getSecret(key).applyValue(o -> o.orElse("")).asSecret();
        }
        return Output.of(ctx.config().get(key).orElse(""));
    }
}
