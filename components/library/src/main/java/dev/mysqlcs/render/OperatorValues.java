package dev.mysqlcs.render;

import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.OperatorSettings;
import dev.mysqlcs.model.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helm values of the mysql-operator chart for one Kubernetes cluster. Keys as in the chart's values.yaml
 * ({@code image.*}, {@code envs.*}): the operator image, where the operator pulls server and router images from
 * (MYSQL_OPERATOR_DEFAULT_REPOSITORY), and the cluster domain it writes into every FQDN
 * (MYSQL_OPERATOR_K8S_CLUSTER_DOMAIN, S2.9).
 */
public final class OperatorValues {

    public static final String COMMUNITY_IMAGE = "community-operator";
    public static final String ENTERPRISE_IMAGE = "enterprise-operator";
    public static final String PULL_POLICY = "IfNotPresent";

    private OperatorValues() {}

    /**
     * The operator edition one Kubernetes cluster needs: Enterprise as soon as one of its InnoDBClusters is Enterprise
     * (initDB.clusterSet and the ClusterSet failover resource are handled by the Enterprise operator only).
     */
    public static Edition editionFor(Topology topology, String kubeCluster) {
        return topology.clusterSet().membersIn(kubeCluster).stream()
                        .map(Member::edition)
                        .anyMatch(e -> e == Edition.ENTERPRISE)
                ? Edition.ENTERPRISE
                : Edition.COMMUNITY;
    }

    public static String imageName(Edition edition) {
        return edition == Edition.ENTERPRISE ? ENTERPRISE_IMAGE : COMMUNITY_IMAGE;
    }

    public static Map<String, Object> render(OperatorSettings settings, Edition edition, String clusterDomain) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("registry", settings.registry());
        image.put("repository", settings.repository());
        image.put("name", imageName(edition));
        image.put("pullPolicy", PULL_POLICY);
        settings.imageTag().ifPresent(t -> image.put("tag", t));
        settings.pullSecret().ifPresent(s -> {
            Map<String, Object> pullSecrets = new LinkedHashMap<>();
            pullSecrets.put("enabled", true);
            pullSecrets.put("secretName", s);
            image.put("pullSecrets", pullSecrets);
        });

        Map<String, Object> envs = new LinkedHashMap<>();
        // Server and router images come from the same place as the operator image.
        envs.put("imagesDefaultRegistry", settings.registry());
        envs.put("imagesDefaultRepository", settings.repository());
        envs.put("k8sClusterDomain", clusterDomain);

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image", image);
        values.put("envs", envs);
        return values;
    }
}
