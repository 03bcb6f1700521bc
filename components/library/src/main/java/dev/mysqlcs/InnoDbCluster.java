package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.mysqlcs.crd.CustomResourceArgs;
import dev.mysqlcs.crd.InnoDbClusterResource;
import dev.mysqlcs.model.InnoDbClusterNames;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.render.DrillIsolationPolicy;
import dev.mysqlcs.render.InnoDbClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One member of the ClusterSet in its Kubernetes cluster (S1.1-S1.3, S2.7, S2.10, S2.11): its namespace, the root
 * credentials Secret, the InnoDBCluster custom resource and, when the Enterprise operator links the ClusterSet, the
 * namespace-local clusterset Secret; with {@code drillIsolation} the S1.7 NetworkPolicy.
 */
public final class InnoDbCluster extends ComponentResource {

    public static final String TYPE = "mysqlcs:index:InnoDbCluster";

    /** InnoDBCluster metadata.name. */
    @Export(
            name = "clusterName",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> clusterName;

    @Export(
            name = "namespace",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> namespace;

    /** Name of the InnoDB cluster inside MySQL ({@code -} and {@code .} as {@code _}). */
    @Export(
            name = "mysqlClusterName",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> mysqlClusterName;

    /** FQDN of server pod 0 on the instances Service: what mysqlsh and the other members connect to. */
    @Export(
            name = "pod0Fqdn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> pod0Fqdn;

    @Export(
            name = "instancesService",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> instancesService;

    /** The MySQL Router Service (applications connect here); the operator names it after the InnoDBCluster. */
    @Export(
            name = "routerService",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> routerService;

    @Export(
            name = "routerServiceFqdn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> routerServiceFqdn;

    /** The Secret this program creates with rootUser, rootHost, rootPassword. */
    @Export(
            name = "rootSecret",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> rootSecret;

    /** Operator-created: clusterAdminUsername / clusterAdminPassword. */
    @Export(
            name = "privSecrets",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> privSecrets;

    /** Operator-created: routerUsername / routerPassword. */
    @Export(
            name = "routerSecret",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> routerSecret;

    /** Operator-created: backupUsername / backupPassword. */
    @Export(
            name = "backupSecret",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> backupSecret;

    /**
     * Input paths of the InnoDBCluster resource that keep the value it was created with. {@code spec.initDB}
     * ({@code clusterSet.targetUrl} names the primary of the day) is consumed only while the operator creates the
     * cluster (mysql/mysql-operator {@code cluster_api.py} {@code InitDB}/{@code ClusterSetInitDBSpec};
     * {@code operator_cluster.py} {@code on_spec} handlers have none for it), so following the configured primary
     * would only churn every spec on each switchover. The Pulumi engine puts the old input back for such a path
     * before the diff (pulumi/pulumi {@code pkg/resource/deploy/step_generator.go} {@code processIgnoreChanges}), a
     * member created later still gets the primary of its creation.
     */
    public static final List<String> IGNORED_CHANGES = List.of("spec.initDB");

    private final InnoDbClusterResource innoDbCluster;

    /**
     * @param opts the Kubernetes provider of the member's cluster goes in {@code providers} (the children inherit it);
     *             {@code dependsOn} is what the InnoDBCluster custom resource waits for: the operator's Helm release
     *             (it installs the CRDs), and for a replica the operator links, the primary's InnoDBCluster; the
     *             namespace and Secrets do not wait ({@link ComponentOptions})
     */
    public InnoDbCluster(String name, InnoDbClusterArgs args, @Nullable ComponentResourceOptions opts) {
        super(TYPE, name, ComponentOptions.withoutDependsOn(opts));
        Member member = args.member();
        InnoDbClusterNames names = new InnoDbClusterNames(member.name(), member.namespace(), args.clusterDomain());

        Namespace ns = new Namespace(
                name + "-namespace",
                NamespaceArgs.builder()
                        .metadata(ObjectMetaArgs.builder()
                                .name(member.namespace())
                                .build())
                        .build(),
                childOptions(List.of()).protect(true).build());

        Output<Map<String, String>> credentials = args.rootPassword()
                .applyValue(pw -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("rootUser", args.rootUser());
                    m.put("rootHost", args.rootHost());
                    m.put("rootPassword", pw);
                    return m;
                })
                .asSecret();

        List<Resource> icDependsOn = new ArrayList<>();
        icDependsOn.add(ns);
        icDependsOn.add(
                credentialsSecret(name + "-root-secret", InnoDbClusterSpec.ROOT_SECRET, member, credentials, ns));
        if (args.operatorLinked()) {
            // S1.3: the primary's root credentials, which are the ClusterSet's: one root password for all members.
            // Every member of an operator-linked ClusterSet has it, the primary too, so a switchover (which makes
            // another member the one initDB.clusterSet names) neither creates nor deletes a Secret.
            icDependsOn.add(credentialsSecret(
                    name + "-clusterset-secret", InnoDbClusterSpec.CLUSTERSET_SECRET, member, credentials, ns));
        }
        Output<List<Resource>> waitFor = opts == null
                ? Output.of(List.copyOf(icDependsOn))
                : opts.getDependsOn().applyValue(extra -> {
                    List<Resource> all = new ArrayList<>(icDependsOn);
                    all.addAll(extra);
                    return List.copyOf(all);
                });

        this.innoDbCluster = new InnoDbClusterResource(
                name + "-innodbcluster",
                CustomResourceArgs.of(
                        InnoDbClusterResource.API_VERSION,
                        InnoDbClusterResource.KIND,
                        Output.of(ObjectMetaArgs.builder()
                                .name(member.name())
                                .namespace(member.namespace())
                                .build()),
                        Output.of(InnoDbClusterSpec.spec(member, args.settings()))),
                // Deleting the namespace or the InnoDBCluster deletes the data: a destroy, or a rename that would
                // replace them, stops here until the user unprotects them on purpose (`pulumi state unprotect`).
                // spec.initDB is read by the operator only when it creates the InnoDB cluster; after that the value
                // it was created with stays (IGNORED_CHANGES), so a switchover does not rewrite any member's spec.
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(waitFor)
                        .protect(true)
                        .ignoreChanges(IGNORED_CHANGES)
                        .build());

        if (member.drillIsolation()) {
            drillIsolation(name + "-drill-isolation", member, ns);
        }

        this.clusterName = innoDbCluster.metadata().applyValue(m -> m.name().orElse(member.name()));
        this.namespace = innoDbCluster.metadata().applyValue(m -> m.namespace().orElse(member.namespace()));
        this.mysqlClusterName = clusterName.applyValue(n -> names.mysqlClusterName());
        this.pod0Fqdn = clusterName.applyValue(n -> names.pod0Fqdn());
        this.instancesService = clusterName.applyValue(n -> names.instancesService());
        this.routerService = clusterName.applyValue(n -> names.routerService());
        this.routerServiceFqdn = clusterName.applyValue(n -> names.routerServiceFqdn());
        this.rootSecret = clusterName.applyValue(n -> InnoDbClusterSpec.ROOT_SECRET);
        this.privSecrets = clusterName.applyValue(n -> names.privSecrets());
        this.routerSecret = clusterName.applyValue(n -> names.routerSecret());
        this.backupSecret = clusterName.applyValue(n -> names.backupSecret());

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("clusterName", clusterName);
        outputs.put("namespace", namespace);
        outputs.put("mysqlClusterName", mysqlClusterName);
        outputs.put("pod0Fqdn", pod0Fqdn);
        outputs.put("instancesService", instancesService);
        outputs.put("routerService", routerService);
        outputs.put("routerServiceFqdn", routerServiceFqdn);
        outputs.put("rootSecret", rootSecret);
        outputs.put("privSecrets", privSecrets);
        outputs.put("routerSecret", routerSecret);
        outputs.put("backupSecret", backupSecret);
        registerOutputs(outputs);
    }

    /** The InnoDBCluster custom resource: what a ClusterSet linkage depends on. */
    public InnoDbClusterResource innoDbCluster() {
        return innoDbCluster;
    }

    private CustomResourceOptions.Builder childOptions(List<Resource> dependsOn) {
        CustomResourceOptions.Builder b = CustomResourceOptions.builder();
        b.parent(this);
        if (!dependsOn.isEmpty()) {
            b.dependsOn(List.copyOf(dependsOn));
        }
        return b;
    }

    /** rootUser / rootHost / rootPassword, the password a secret from config to cluster (and in state). */
    private Secret credentialsSecret(
            String resourceName,
            String secretName,
            Member member,
            Output<Map<String, String>> credentials,
            Namespace ns) {
        CustomResourceOptions.Builder o = childOptions(List.of(ns));
        o.additionalSecretOutputs(List.of("data", "stringData"));
        // base64 `data`, not `stringData`: the API server keeps only `data`, and a 4.0.x plugin diffs `stringData`
        // against nothing and replaces the Secret on every up (pulumi/pulumi-kubernetes#2507; KubernetesPlugin).
        return new Secret(
                resourceName,
                SecretArgs.builder()
                        .metadata(ObjectMetaArgs.builder()
                                .name(secretName)
                                .namespace(member.namespace())
                                .build())
                        .type("Opaque")
                        .data(credentials.applyValue(KubernetesPlugin::secretData))
                        .build(),
                o.build());
    }

    /** S1.7, as in seed 000: pods of this InnoDBCluster may talk to each other only. */
    private void drillIsolation(String resourceName, Member member, Namespace ns) {
        LabelSelectorArgs self = LabelSelectorArgs.builder()
                .matchLabels(DrillIsolationPolicy.podLabels(member))
                .build();
        NetworkPolicyPeerArgs peer =
                NetworkPolicyPeerArgs.builder().podSelector(self).build();
        new NetworkPolicy(
                resourceName,
                NetworkPolicyArgs.builder()
                        .metadata(ObjectMetaArgs.builder()
                                .name(DrillIsolationPolicy.name(member))
                                .namespace(member.namespace())
                                .build())
                        .spec(NetworkPolicySpecArgs.builder()
                                .podSelector(self)
                                .policyTypes(DrillIsolationPolicy.POLICY_TYPES)
                                .ingress(NetworkPolicyIngressRuleArgs.builder()
                                        .from(peer)
                                        .build())
                                .egress(NetworkPolicyEgressRuleArgs.builder()
                                        .to(peer)
                                        .build())
                                .build())
                        .build(),
                childOptions(List.of(ns, innoDbCluster)).build());
    }
}
