package dev.mysqlcs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.KubeApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every InnoDBCluster this project renders (stacks prod and dr, seed 000 before and after a switchover) is accepted by
 * a real kube-apiserver with the operator's 2.2.8 CRD, and nothing of it is pruned: what the operator reads is what
 * was rendered (the server adds only its defaults).
 */
@Tag("slow")
class InnoDbClusterSpecIT {

    private static final ResourceDefinitionContext INNODB_CLUSTER = new ResourceDefinitionContext.Builder()
            .withGroup("mysql.oracle.com")
            .withVersion("v2")
            .withKind("InnoDBCluster")
            .withPlural("innodbclusters")
            .withNamespaced(true)
            .build();

    /** Paths of {@code rendered} that {@code stored} lacks or holds differently (numbers compared by value). */
    private static void missing(String path, Object rendered, Object stored, List<String> out) {
        if (rendered instanceof Map<?, ?> r) {
            Map<?, ?> s = stored instanceof Map<?, ?> m ? m : Map.of();
            r.forEach((k, v) -> missing(path + "." + k, v, s.get(k), out));
        } else if (rendered instanceof List<?> r) {
            List<?> s = stored instanceof List<?> l ? l : List.of();
            for (int i = 0; i < r.size(); i++) {
                missing(path + "[" + i + "]", r.get(i), i < s.size() ? s.get(i) : null, out);
            }
        } else if (rendered instanceof Number n && stored instanceof Number m) {
            if (n.longValue() != m.longValue()) {
                out.add(path + " = " + stored + ", rendered " + rendered);
            }
        } else if (!String.valueOf(rendered).equals(String.valueOf(stored))) {
            out.add(path + " = " + stored + ", rendered " + rendered);
        }
    }

    @Test
    void everyRenderedInnoDbClusterIsAcceptedWithNothingPruned() {
        String ent = ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml");
        List<Topology> topologies = List.of(
                ConfigFixtures.prod(),
                ConfigFixtures.dr(),
                ConfigFixtures.topology(ent),
                ConfigFixtures.topology(
                        ent.replace("primary: mycluster1", "primary: mycluster2\n    primaryEpoch: 1")));
        List<String> problems = new ArrayList<>();
        int n = 0;
        try (KubernetesClient c = KubeApiServer.shared().client()) {
            for (Topology t : topologies) {
                n++;
                for (Member m : t.clusterSet().members()) {
                    String ns = "ic" + n + "-" + m.namespace();
                    c.namespaces()
                            .resource(new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName(ns)
                                    .endMetadata()
                                    .build())
                            .create();
                    Map<String, Object> rendered = InnoDbClusterSpec.resource(t, m);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> meta =
                            new java.util.LinkedHashMap<>((Map<String, Object>) rendered.get("metadata"));
                    meta.put("namespace", ns);
                    Map<String, Object> object = new java.util.LinkedHashMap<>(rendered);
                    object.put("metadata", meta);
                    GenericKubernetesResource created = c.genericKubernetesResources(INNODB_CLUSTER)
                            .inNamespace(ns)
                            .resource(Serialization.unmarshal(
                                    Serialization.asJson(object), GenericKubernetesResource.class))
                            .create();
                    missing(
                            ns + "/" + m.name() + " spec",
                            rendered.get("spec"),
                            created.getAdditionalProperties().get("spec"),
                            problems);
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
