package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.stack.PlanFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./plan --diff} on a real change: the shipped Pulumi.prod.yaml against src/test/resources/plan/
 * Pulumi.prod-third-cluster.yaml (a third cluster {@code dr2} in the mesh and in the ClusterSet), with the base as a
 * stack file, as a {@code --json} file and as a git commit.
 */
class PlanDiffCommandTest {

    static final String THIRD_CLUSTER = "src/test/resources/plan/Pulumi.prod-third-cluster.yaml";

    /** What the third cluster changes in stack prod (which deploys only cluster prod). */
    static final String THIRD_CLUSTER_DIFF = """
            0 to add, 0 to remove, 6 to modify, 13 unchanged; MySQL steps: 0 added, 0 removed; 4 stack output changes

            ~ kubernetes:helm.sh/v3:Release  prod-cilium-release
                  + values.clustermesh.config.clusters.dr2.enabled: true
                  + values.clustermesh.config.clusters.dr2.ips[0]: 203.0.113.10
                  + values.clustermesh.config.clusters.dr2.port: 32379

            ~ kubernetes:core/v1:ConfigMapPatch  prod-dns-corefile
                  ~ data.Corefile:
                      + mysql-dr2.svc.cluster.local:53 {
                      +     errors
                      +     forward . 203.0.113.10:30053
                      + }

            ~ mysqlcs:index:ClusterSet  mycs
            %1$s      + outputs.members[2]: dr2

            ~ mysqlcs:index:ClusterSetMember  mycs-prd
            %1$s
            ~ mysqlcs:index:ClusterSetPrimary  mycs-primary
            %1$s
            ~ pulumi:providers:mysqlcs  mysqlcs
                  + kubeClusters[2].context: context-dr2x7k4m9q
                  + kubeClusters[2].name: dr2

            MySQL steps: no change.

            Stack outputs:
              + clusterSetMembers[2]: dr2
              + mesh.prod.peers[1]: dr2
              + mesh.prod.forwardedZones[1]: mysql-dr2.svc.cluster.local
              + serverIdRanges.dr2: 300-302
            """.formatted("""
                  + spec.members[2].baseServerId: 300
                  + spec.members[2].edition: community
                  + spec.members[2].instances: 3
                  + spec.members[2].kubeCluster: dr2
                  + spec.members[2].name: dr2
                  + spec.members[2].namespace: mysql-dr2
                  + spec.members[2].routerInstances: 1
            """);

    @BeforeAll
    static void runFromTheRepositoryRoot() {
        System.setProperty("mysqlcs.projectDir", PlanFixture.repoRoot().toString());
    }

    static String root(String relative) {
        return PlanFixture.repoRoot().resolve(relative).toString();
    }

    @Test
    void aThirdClusterAgainstTheShippedStackFile() {
        PlanCommandTest.Run r =
                PlanCommandTest.plan("prod", "--config", root(THIRD_CLUSTER), "--diff", root("Pulumi.prod.yaml"));
        assertEquals(Plan.EXIT_CHANGES, r.exit(), r.err());
        assertEquals(
                "Plan diff of stack 'prod': " + root("Pulumi.prod.yaml") + " -> this change\n" + THIRD_CLUSTER_DIFF,
                r.out());
        assertTrue(r.err().startsWith("warning: mysqlcs:rootPassword: is required"), r.err());
    }

    @Test
    void aThirdClusterAgainstASavedJsonPlan() throws IOException {
        Path saved = Files.createTempFile("plan-prod", ".json");
        Files.writeString(saved, PlanCommandTest.plan("prod", "--json").out());
        PlanCommandTest.Run r =
                PlanCommandTest.plan("prod", "--config", root(THIRD_CLUSTER), "--diff", saved.toString());
        assertEquals(Plan.EXIT_CHANGES, r.exit(), r.err());
        assertEquals("Plan diff of stack 'prod': " + saved + " -> this change\n" + THIRD_CLUSTER_DIFF, r.out());

        PlanCommandTest.Run same = PlanCommandTest.plan("prod", "--diff", saved.toString());
        assertEquals(Plan.EXIT_OK, same.exit(), same.err());
        assertEquals(
                "Plan diff of stack 'prod': " + saved + " -> this change\n0 to add, 0 to remove, 0 to modify, "
                        + "19 unchanged; MySQL steps: 0 added, 0 removed\nNo changes.\n",
                same.out());
        Files.delete(saved);
    }

    @Test
    void aThirdClusterAgainstAGitCommit(@TempDir Path repo) throws Exception {
        Files.copy(PlanFixture.repoRoot().resolve("Pulumi.yaml"), repo.resolve("Pulumi.yaml"));
        Files.copy(PlanFixture.repoRoot().resolve("Pulumi.prod.yaml"), repo.resolve("Pulumi.prod.yaml"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=plan", "-c", "user.email=plan@example.invalid", "commit", "-q", "-m", "base");
        String sha = git(repo, "rev-parse", "--short", "HEAD").strip();

        PlanCommandTest.Run same = run(repo, "prod", "--diff", "HEAD");
        assertEquals(Plan.EXIT_OK, same.exit(), same.err());
        assertTrue(same.out().endsWith("\nNo changes.\n"), same.out());

        Files.copy(
                PlanFixture.repoRoot().resolve(THIRD_CLUSTER),
                repo.resolve("Pulumi.prod.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PlanCommandTest.Run r = run(repo, "prod", "--diff", "HEAD");
        assertEquals(Plan.EXIT_CHANGES, r.exit(), r.err());
        assertEquals("Plan diff of stack 'prod': HEAD (" + sha + ") -> this change\n" + THIRD_CLUSTER_DIFF, r.out());

        // The third cluster's own stack, new in this change: all of it is added, the new member's steps too.
        Files.writeString(
                repo.resolve("Pulumi.dr2.yaml"),
                Files.readString(PlanFixture.repoRoot().resolve(THIRD_CLUSTER))
                        .replace("mysqlcs:deploy: [prod]", "mysqlcs:deploy: [dr2]"));
        PlanCommandTest.Run added = run(repo, "dr2", "--diff", "HEAD");
        assertEquals(Plan.EXIT_CHANGES, added.exit(), added.err());
        assertTrue(
                added.out()
                        .startsWith("Plan diff of stack 'dr2': HEAD (" + sha + "), where Pulumi.dr2.yaml "
                                + "does not exist -> this change\n19 to add, 0 to remove, 0 to modify, 0 unchanged; MySQL steps: 8 "
                                + "added, 0 removed; 38 stack output changes\n"),
                added.out());
        assertTrue(added.out().contains("""

                MySQL steps (planned for a first deploy of this stack):
                  mycs-dr2 (mysqlcs:index:ClusterSetMember):
                    + record in dr2's namespace that it is joining ClusterSet 'mycs'
                    + dissolve the standalone InnoDB cluster dr2 (dr2-0.dr2-instances.mysql-dr2.svc.cluster.local)
                    + createReplicaCluster('dr2-0.dr2-instances.mysql-dr2.svc.cluster.local', 'dr2', \
                {recoveryMethod: 'clone'}) via prd-0.prd-instances.mysql-prod.svc.cluster.local
                    + copy prd-privsecrets/-router/-backup passwords into dr2's secrets
                    + addInstance('dr2-1.dr2-instances.mysql-dr2.svc.cluster.local', {recoveryMethod: 'clone'}) to dr2
                    + addInstance('dr2-2.dr2-instances.mysql-dr2.svc.cluster.local', {recoveryMethod: 'clone'}) to dr2
                    + restart Deployment dr2-router and wait for its rollout
                    + clear the join record in dr2's namespace

                Stack outputs:
                """), added.out());

        PlanCommandTest.Run unknown = run(repo, "prod", "--diff", "no-such-ref");
        assertEquals(Plan.EXIT_FAILED, unknown.exit());
        assertEquals(
                "plan failed: --diff no-such-ref: neither a file nor a git commit of the repository in "
                        + repo.toAbsolutePath().normalize() + "\n",
                unknown.err()
                        .lines()
                        .filter(l -> !l.startsWith("warning: "))
                        .map(l -> l + "\n")
                        .reduce("", String::concat));
    }

    @Test
    void aCommitIsPlannedInThisRunOnlyWhileTheCodeThePlanRunsIsTheSame(@TempDir Path repo) throws Exception {
        Path source = repo.resolve("src/main/java/X.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class X {}\n");
        Files.writeString(repo.resolve("Pulumi.prod.yaml"), "config: {}\n");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=plan", "-c", "user.email=plan@example.invalid", "commit", "-q", "-m", "base");
        Path top = repo.toRealPath();
        assertTrue(PlanBase.sameCode(top, "HEAD", ""));
        Files.writeString(repo.resolve("Pulumi.prod.yaml"), "config: {mysqlcs:deploy: [prod]}\n");
        assertTrue(PlanBase.sameCode(top, "HEAD", ""), "a stack file is no code");
        Files.writeString(source, "class X { }\n");
        assertFalse(PlanBase.sameCode(top, "HEAD", ""), "a changed source");
        git(repo, "checkout", "-q", "--", "src");
        Files.writeString(repo.resolve("src/main/java/Y.java"), "class Y {}\n");
        assertFalse(PlanBase.sameCode(top, "HEAD", ""), "a new, untracked source");
        Files.delete(repo.resolve("src/main/java/Y.java"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        assertFalse(PlanBase.sameCode(top, "HEAD", ""), "a new pom");
    }

    @Test
    void configErrorsOfTheChangeStillExitTwoAndJsonWithDiffIsAUsageError() throws IOException {
        Path bad = Files.createTempFile("Pulumi.prod", ".yaml");
        Files.writeString(
                bad,
                Files.readString(PlanFixture.repoRoot().resolve("Pulumi.prod.yaml"))
                        .replace("instances: 3", "instances: 0"));
        PlanCommandTest.Run r =
                PlanCommandTest.plan("prod", "--config", bad.toString(), "--diff", root("Pulumi.prod.yaml"));
        assertEquals(Plan.EXIT_CONFIG, r.exit(), r.err());
        assertEquals("", r.out());
        PlanCommandTest.Run usage = PlanCommandTest.plan("prod", "--json", "--diff", root("Pulumi.prod.yaml"));
        assertEquals(Plan.EXIT_FAILED, usage.exit());
        assertEquals("usage: ./plan <stack> | --config FILE [--json | --diff BASE]\n", usage.err());
        Files.delete(bad);
    }

    static PlanCommandTest.Run run(Path projectDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Plan.run(
                args,
                projectDir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new PlanCommandTest.Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("git", ".out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git did not finish");
        String text = Files.readString(out);
        Files.delete(out);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
