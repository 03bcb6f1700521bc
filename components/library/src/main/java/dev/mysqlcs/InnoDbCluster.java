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
import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.crd.CustomResourceArgs;
import dev.mysqlcs.crd.InnoDbClusterResource;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.render.DrillIsolationPolicy;
import dev.mysqlcs.render.InnoDbClusterNames;
import dev.mysqlcs.render.InnoDbClusterSpec;
import dev.mysqlcs.validate.TopologyValidator;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One member of the ClusterSet in its Kubernetes cluster (S1.1-S1.3, S2.7, S2.10, S2.11): its namespace, the root
 * credentials Secret, the InnoDBCluster custom resource and, for replicas the Enterprise operator links, the
 * namespace-local clusterset Secret; with {@code drillIsolation} the S1.7 NetworkPolicy.
 */
public final class InnoDbCluster extends ComponentResource {

    public static final String TYPE = "mysqlcs:index:InnoDbCluster";

    /** InnoDBCluster metadata.name. */
    @Export(name = "clusterName", refs = {String.class}, tree = "[0]")
    public final Output<String> clusterName;

    @Export(name = "namespace", refs = {String.class}, tree = "[0]")
    public final Output<String> namespace;

    /** Name of the InnoDB cluster inside MySQL ({@code -} and {@code .} as {@code _}). */
    @Export(name = "mysqlClusterName", refs = {String.class}, tree = "[0]")
    public final Output<String> mysqlClusterName;

    /** FQDN of server pod 0 on the instances Service: what mysqlsh and the other members connect to. */
    @Export(name = "pod0Fqdn", refs = {String.class}, tree = "[0]")
    public final Output<String> pod0Fqdn;

    @Export(name = "instancesService", refs = {String.class}, tree = "[0]")
    public final Output<String> instancesService;

    /** The MySQL Router Service (applications connect here); the operator names it after the InnoDBCluster. */
    @Export(name = "routerService", refs = {String.class}, tree = "[0]")
    public final Output<String> routerService;

    @Export(name = "routerServiceFqdn", refs = {String.class}, tree = "[0]")
    public final Output<String> routerServiceFqdn;

    /** The Secret this program creates with rootUser, rootHost, rootPassword. */
    @Export(name = "rootSecret", refs = {String.class}, tree = "[0]")
    public final Output<String> rootSecret;

    /** Operator-created: clusterAdminUsername / clusterAdminPassword. */
    @Export(name = "privSecrets", refs = {String.class}, tree = "[0]")
    public final Output<String> privSecrets;

    /** Operator-created: routerUsername / routerPassword. */
    @Export(name = "routerSecret", refs = {String.class}, tree = "[0]")
    public final Output<String> routerSecret;

    /** Operator-created: backupUsername / backupPassword. */
    @Export(name = "backupSecret", refs = {String.class}, tree = "[0]")
    public final Output<String> backupSecret;

    private final InnoDbClusterResource innoDbCluster;

    public InnoDbCluster(String name, InnoDbClusterArgs args, @Nullable ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        Topology topology = args.topology();
        Member member = checked(topology, args.member());
        InnoDbClusterNames names = new InnoDbClusterNames(member.name(), member.namespace(),
                topology.clusterSet().domain());

        Namespace ns = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(member.namespace()).build())
                .build(), childOptions(args, List.of()).protect(true).build());

        Output<Map<String, String>> credentials = args.rootPassword().applyValue(pw -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("rootUser", topology.root().user());
            m.put("rootHost", topology.root().host());
            m.put("rootPassword", pw);
            return m;
        }).asSecret();

        List<Resource> icDependsOn = new ArrayList<>();
        icDependsOn.add(ns);
        icDependsOn.add(credentialsSecret(name + "-root-secret", InnoDbClusterSpec.ROOT_SECRET, member, credentials,
                ns, args));
        if (InnoDbClusterSpec.joinsThroughOperator(topology, member)) {
            // S1.3: the primary's root credentials, which are the ClusterSet's: one root password for all members.
            icDependsOn.add(credentialsSecret(name + "-clusterset-secret", InnoDbClusterSpec.CLUSTERSET_SECRET,
                    member, credentials, ns, args));
            args.primaryCluster().ifPresent(icDependsOn::add);
        }
        args.operator().ifPresent(icDependsOn::add);

        this.innoDbCluster = new InnoDbClusterResource(name + "-innodbcluster", CustomResourceArgs.of(
                InnoDbClusterResource.API_VERSION, InnoDbClusterResource.KIND,
                Output.of(ObjectMetaArgs.builder().name(member.name()).namespace(member.namespace()).build()),
                Output.of(InnoDbClusterSpec.spec(topology, member))),
                // Deleting the namespace or the InnoDBCluster deletes the data: a destroy, or a rename that would
                // replace them, stops here until the user unprotects them on purpose (`pulumi state unprotect`).
                childOptions(args, icDependsOn).protect(true).build());

        if (member.drillIsolation()) {
            drillIsolation(name + "-drill-isolation", member, ns, args);
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

    /** Cross-field checks before any child exists: the member must be in a topology that passes every rule. */
    private static Member checked(Topology topology, String memberName) {
        List<ConfigError> errors = new ArrayList<>(TopologyValidator.validate(topology));
        Optional<Member> member = topology.clusterSet().member(memberName);
        if (member.isEmpty()) {
            errors.add(new ConfigError("mysqlcs:clusterSet.members", "'" + memberName + "' is not a member of the "
                    + "ClusterSet; allowed: " + String.join(", ",
                    topology.clusterSet().members().stream().map(Member::name).toList())));
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return member.get();
    }

    private CustomResourceOptions.Builder childOptions(InnoDbClusterArgs args, List<Resource> dependsOn) {
        CustomResourceOptions.Builder b = CustomResourceOptions.builder();
        b.parent(this);
        b.provider(args.provider());
        if (!dependsOn.isEmpty()) {
            b.dependsOn(List.copyOf(dependsOn));
        }
        return b;
    }

    /** rootUser / rootHost / rootPassword, the password a secret from config to cluster (and in state). */
    private Secret credentialsSecret(String resourceName, String secretName, Member member,
                                     Output<Map<String, String>> credentials, Namespace ns, InnoDbClusterArgs args) {
        CustomResourceOptions.Builder o = childOptions(args, List.of(ns));
        o.additionalSecretOutputs(List.of("data", "stringData"));
        // base64 `data`, not `stringData`: the API server keeps only `data`, and a 4.0.x plugin diffs `stringData`
        // against nothing and replaces the Secret on every up (pulumi/pulumi-kubernetes#2507; KubernetesPlugin).
        return new Secret(resourceName, SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(secretName).namespace(member.namespace()).build())
                .type("Opaque")
                .data(credentials.applyValue(KubernetesPlugin::secretData))
                .build(), o.build());
    }

    /** S1.7, as in seed 000: pods of this InnoDBCluster may talk to each other only. */
    private void drillIsolation(String resourceName, Member member, Namespace ns, InnoDbClusterArgs args) {
        LabelSelectorArgs self = LabelSelectorArgs.builder().matchLabels(DrillIsolationPolicy.podLabels(member))
                .build();
        NetworkPolicyPeerArgs peer = NetworkPolicyPeerArgs.builder().podSelector(self).build();
        new NetworkPolicy(resourceName, NetworkPolicyArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(DrillIsolationPolicy.name(member))
                        .namespace(member.namespace()).build())
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(self)
                        .policyTypes(DrillIsolationPolicy.POLICY_TYPES)
                        .ingress(NetworkPolicyIngressRuleArgs.builder().from(peer).build())
                        .egress(NetworkPolicyEgressRuleArgs.builder().to(peer).build())
                        .build())
                .build(), childOptions(args, List.of(ns, innoDbCluster)).build());
    }
}
