package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.mysqlcs.model.Tls;

/**
 * {@code members[].tls} as resource input, sent only for certificate-authenticated members
 * ({@code useSelfSigned: false}): the provider reads the server certificate's subject for the AdminAPI's
 * {@code certSubject}.
 */
public final class ClusterSetMemberTlsArgs extends ResourceArgs {

    @Import(name = "useSelfSigned", required = true)
    private Output<Boolean> useSelfSigned;

    @Import(name = "caSecretName")
    private Output<String> caSecretName;

    @Import(name = "serverSecretName")
    private Output<String> serverSecretName;

    @Import(name = "routerSecretName")
    private Output<String> routerSecretName;

    private ClusterSetMemberTlsArgs() {}

    public Output<Boolean> useSelfSigned() {
        return useSelfSigned;
    }

    public Output<String> serverSecretName() {
        return serverSecretName;
    }

    public static ClusterSetMemberTlsArgs of(Tls tls) {
        ClusterSetMemberTlsArgs a = new ClusterSetMemberTlsArgs();
        a.useSelfSigned = Output.of(tls.useSelfSigned());
        tls.caSecretName().ifPresent(n -> a.caSecretName = Output.of(n));
        tls.serverSecretName().ifPresent(n -> a.serverSecretName = Output.of(n));
        tls.routerSecretName().ifPresent(n -> a.routerSecretName = Output.of(n));
        return a;
    }
}
