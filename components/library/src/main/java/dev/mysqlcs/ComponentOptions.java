package dev.mysqlcs;

import com.pulumi.resources.ComponentResourceOptions;
import javax.annotation.Nullable;

/**
 * The options a component registers itself with, when its {@code dependsOn} is meant for one child only. The engine
 * answers a component's registration once its dependencies are done, and no child can register before its parent, so
 * a {@code dependsOn} left on the component would hold back every child: the namespace and Secrets of an
 * {@link InnoDbCluster} would wait for the operator's Helm release that only its custom resource needs. The component
 * passes {@code opts.getDependsOn()} to that child instead.
 */
final class ComponentOptions {

    private ComponentOptions() {}

    /** {@code opts} without its {@code dependsOn}: every other option as given. */
    static @Nullable ComponentResourceOptions withoutDependsOn(@Nullable ComponentResourceOptions opts) {
        if (opts == null) {
            return null;
        }
        ComponentResourceOptions.Builder b = ComponentResourceOptions.builder();
        opts.getId().ifPresent(b::id);
        opts.getParent().ifPresent(b::parent);
        opts.getProtect().ifPresent(b::protect);
        b.ignoreChanges(opts.getIgnoreChanges());
        opts.getVersion().ifPresent(b::version);
        opts.getProvider().ifPresent(b::provider);
        b.providers(opts.getProviders());
        opts.getCustomTimeouts().ifPresent(b::customTimeouts);
        b.resourceTransformations(opts.getResourceTransformations());
        b.aliases(opts.getAliases());
        opts.getUrn().ifPresent(b::urn);
        b.replaceOnChanges(opts.getReplaceOnChanges());
        opts.getRetainOnDelete().ifPresent(b::retainOnDelete);
        opts.getPluginDownloadURL().ifPresent(b::pluginDownloadURL);
        b.hideDiffs(opts.getHideDiffs());
        b.replaceWith(opts.getReplaceWith());
        opts.getReplacementTrigger().ifPresent(b::replacementTrigger);
        return b.build();
    }
}
