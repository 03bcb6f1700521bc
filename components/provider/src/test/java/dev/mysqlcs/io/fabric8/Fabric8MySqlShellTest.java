package dev.mysqlcs.io.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.MySqlShell.ShellTimeoutException;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.ShellResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exec layer against fabric8's mock API server: the mock answers the exec websocket only when stdin carries the
 * password line, so a passing run proves the password went over stdin; the recorded exec URL proves argv (and
 * nothing else) went on the command line. Exec needs a kubelet, which the real API server of the slow group lacks, so
 * this stays on the mock, which answers with the kubelet's own frames (see {@link #kubeletStatus}).
 */
class Fabric8MySqlShellTest {

    private static final String PASSWORD = "S3cret;pw'\"-x";
    private static final List<String> ARGV = List.of(
            "mysqlsh",
            "--uri",
            "clusteradmin@prd-0.prd-instances.mysql-prod.svc.cluster.local:3306",
            "--passwords-from-stdin",
            "--js",
            "-e",
            "print(JSON.stringify(dba.getClusterSet().status({extended: 1})))");
    /** What the kubelet is asked to run when there is stdin: the one-line wrapper around ARGV. */
    private static final List<String> WRAPPED = Fabric8MySqlShell.oneStdinLine(ARGV);

    private static final String STATUS_JSON =
            "{\"domainName\": \"mycs\", \"globalPrimaryInstance\": \"prd-0:3306\"," + " \"status\": \"HEALTHY\"}\n";

    /** One plain-HTTP mock API server for the class (the JUnit extension would build a TLS one per test). */
    static KubernetesMockServer server;

    static KubernetesClient client;

    @BeforeAll
    static void startMockApiServer() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient();
    }

    @AfterAll
    static void stopMockApiServer() {
        client.close();
        server.destroy();
    }

    private static final AtomicInteger PODS = new AtomicInteger();
    private Fabric8MySqlShell shell;
    /** A pod name of its own per test: the mock server is shared by the class, its expectations accumulate. */
    private PodRef pod;

    @BeforeEach
    void shell() {
        shell = new Fabric8MySqlShell(KubeClients.ofClients(Map.of("prod", client)));
        pod = new PodRef("prod", "mysql-prod", "prd-" + PODS.getAndIncrement());
    }

    @Test
    void runsArgvInTheSidecarWithThePasswordOnStdinAndCapturesOutputAndExitCode() {
        expectPod(runningPod());
        server.expect()
                .withPath(execPath(WRAPPED, true))
                .andUpgradeToWebSocket()
                .open()
                .expect("\u0000" + PASSWORD + "\n")
                .andEmit(new OutputStreamMessage(STATUS_JSON))
                .once()
                .expectSentWebSocketMessage("\u0001" + STATUS_JSON)
                .andEmit(new ErrorStreamMessage("WARNING: Using a password on stdin\n"))
                .once()
                .expectSentWebSocketMessage("\u0002WARNING: Using a password on stdin\n")
                .andEmit(kubeletStatus(exited(0)))
                .once()
                .done()
                .always();

        ShellResult result = shell.run(pod, ARGV, PASSWORD.toCharArray(), Duration.ofSeconds(10));

        assertEquals(new ShellResult(0, STATUS_JSON, "WARNING: Using a password on stdin\n"), result);
        RecordedRequest exec = execRequest();
        assertEquals(
                List.of("/bin/sh", "-c", "head -n 1 | exec \"$0\" \"$@\""),
                commandOf(exec.getPath()).subList(0, 3),
                "with stdin, argv runs under the one-line-then-EOF wrapper");
        assertEquals(ARGV, unwrapOneStdinLine(commandOf(exec.getPath())), "argv follows unchanged and in order");
        assertEquals("sidecar", query(exec.getPath()).get("container").get(0));
        assertFalse(
                URLDecoder.decode(exec.getPath(), StandardCharsets.UTF_8).contains(PASSWORD),
                "the password is not on the command line");
        assertFalse(exec.getPath().contains(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)));
    }

    @Test
    void reportsTheNonZeroExitCodeWithStderr() {
        expectPod(runningPod());
        server.expect()
                .withPath(execPath(WRAPPED, true))
                .andUpgradeToWebSocket()
                .open()
                .expect("\u0000" + PASSWORD + "\n")
                .andEmit(new ErrorStreamMessage("ERROR: The instance is already part of a ClusterSet\n"))
                .once()
                .expectSentWebSocketMessage("\u0002ERROR: The instance is already part of a ClusterSet\n")
                .andEmit(kubeletStatus(exited(1)))
                .once()
                .done()
                .always();

        ShellResult result = shell.run(pod, ARGV, (PASSWORD + "\n").toCharArray(), Duration.ofSeconds(10));

        assertEquals(1, result.exitCode());
        assertFalse(result.ok());
        assertEquals("", result.stdout());
        assertEquals("ERROR: The instance is already part of a ClusterSet\n", result.stderr());
    }

    @Test
    void aCommandTheRuntimeCannotStartGivesTheKubeletsMessageAndAnUnknownOutcome() {
        expectPod(runningPod());
        String cause = "error executing command in container: failed to exec in container: failed to start exec "
                + "\\\"3f9c\\\": OCI runtime exec failed: exec failed: unable to start container process: exec: "
                + "\\\"/bin/sh\\\": executable file not found in $PATH: unknown";
        server.expect()
                .withPath(execPath(WRAPPED, true))
                .andUpgradeToWebSocket()
                .open()
                .expect("\u0000" + PASSWORD + "\n")
                .andEmit(kubeletStatus("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"Internal error "
                        + "occurred: " + cause + "\",\"reason\":\"InternalError\",\"details\":{\"causes\":[{"
                        + "\"message\":\"" + cause + "\"}]},\"code\":500}"))
                .once()
                .done()
                .always();

        ShellResult result = shell.run(pod, ARGV, PASSWORD.toCharArray(), Duration.ofSeconds(10));

        assertEquals(-1, result.exitCode());
        assertEquals(
                "[mysqlcs] the kubelet reported a failure of the exec in container sidecar of pod mysql-prod/"
                        + pod.pod() + " in Kubernetes cluster prod without an exit code (InternalError: Internal error "
                        + "occurred: error executing command in container: failed to exec in container: failed to start exec "
                        + "\"3f9c\": OCI runtime exec failed: exec failed: unable to start container process: exec: "
                        + "\"/bin/sh\": executable file not found in $PATH: unknown); the outcome of mysqlsh is unknown; read "
                        + "the state before retrying\n",
                result.stderr());
    }

    @Test
    void withoutStdinNoStdinStreamIsAttached() {
        List<String> version = List.of("mysqlsh", "--version");
        expectPod(runningPod());
        // Two frames sent at open race in the mock server (it may close the socket after the first one before the
        // second is queued), so they are timed, 10 ms and 30 ms after open.
        server.expect()
                .withPath(execPath(version, false))
                .andUpgradeToWebSocket()
                .open(
                        delayed(10, new OutputStreamMessage("mysqlsh   Ver 9.3.0\n")),
                        delayed(30, kubeletStatus(exited(0))))
                .done()
                .always();

        ShellResult result = shell.run(pod, version, null, Duration.ofSeconds(10));

        assertEquals(new ShellResult(0, "mysqlsh   Ver 9.3.0\n", ""), result);
        assertFalse(query(execRequest().getPath()).containsKey("stdin"));
    }

    @Test
    void timesOutWhenNoExitStatusArrives() {
        expectPod(runningPod());
        server.expect()
                .withPath(execPath(WRAPPED, true))
                .andUpgradeToWebSocket()
                .open()
                .expect("\u0000" + PASSWORD + "\n")
                .andEmit(new OutputStreamMessage("Waiting for the replica to catch up...\n"))
                .once()
                .done()
                .always();

        long start = System.nanoTime();
        ShellTimeoutException e = assertThrows(
                ShellTimeoutException.class,
                () -> shell.run(pod, ARGV, PASSWORD.toCharArray(), Duration.ofMillis(500)));

        assertTrue(System.nanoTime() - start >= Duration.ofMillis(500).toNanos());
        assertEquals(
                "mysqlsh in container sidecar of pod mysql-prod/" + pod.pod() + " in Kubernetes cluster prod did"
                        + " not finish within PT0.5S; it may still be running there",
                e.getMessage());
    }

    @Test
    void aStreamClosedBeforeTheExitStatusIsAnUnknownOutcome() {
        List<String> version = List.of("mysqlsh", "--version");
        expectPod(runningPod());
        server.expect()
                .withPath(execPath(version, false))
                .andUpgradeToWebSocket()
                .open(new OutputStreamMessage("partial output"))
                .done()
                .always();

        ShellResult result = shell.run(pod, version, new char[0], Duration.ofSeconds(10));

        assertEquals(-1, result.exitCode());
        assertEquals("partial output", result.stdout());
        assertEquals(
                "[mysqlcs] the exec stream to container sidecar of pod mysql-prod/" + pod.pod() + " in Kubernetes"
                        + " cluster prod closed before mysqlsh reported an exit status; its outcome is unknown; read the state before"
                        + " retrying\n",
                result.stderr());
    }

    @Test
    void refusesArgvCarryingTheStdinSecretBeforeContactingKubernetes() {
        List<String> leaky = List.of("mysqlsh", "--uri", "clusteradmin:" + PASSWORD + "@prd-0:3306");
        int before = server.getRequestCount();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> shell.run(pod, leaky, PASSWORD.toCharArray(), Duration.ofSeconds(5)));
        assertEquals(
                "argv[2] contains a secret passed on stdin; refusing to run it (a command line is visible in"
                        + " the pod's process list and the API server's audit log)",
                e.getMessage());
        assertEquals(before, server.getRequestCount(), "nothing was sent");
    }

    @Test
    void secretCheckLooksAtEveryStdinLineAndSkipsVeryShortOnes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Fabric8MySqlShell.refuseSecretInArgv(List.of("-p", "hunter22"), "hunter22\n".toCharArray()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Fabric8MySqlShell.refuseSecretInArgv(
                        List.of("mysqlsh", "--uri", "root:hunter22@h"),
                        "hunter22\r\nhunter22\nhunter22\n".toCharArray()),
                "one password per line, as mysqlsh --passwords-from-stdin reads them");
        assertThrows(
                IllegalArgumentException.class,
                () -> Fabric8MySqlShell.refuseSecretInArgv(
                        List.of("mysqlsh", "x-second-pw-x"), "first-pw\nsecond-pw\n".toCharArray()));
        Fabric8MySqlShell.refuseSecretInArgv(List.of("mysqlsh", "--js"), "js\njs\n".toCharArray());
        Fabric8MySqlShell.refuseSecretInArgv(List.of("mysqlsh", "--uri", "admin@h:3306"), "hunter22\n".toCharArray());
        Fabric8MySqlShell.refuseSecretInArgv(List.of("mysqlsh"), null);
    }

    @Test
    void stdinOfMoreThanOneLineIsRefusedBeforeContactingKubernetes() {
        int before = server.getRequestCount();
        String twoLines = PASSWORD + "\n" + PASSWORD + "\n";
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> shell.run(pod, ARGV, twoLines.toCharArray(), Duration.ofSeconds(10)));
        assertEquals(
                "stdin must be one line (mysqlsh --passwords-from-stdin reads one password for the --uri session,"
                        + " and the exec wrapper passes one line, then end-of-input); it holds a line break before its"
                        + " end",
                e.getMessage());
        assertEquals(before, server.getRequestCount(), "nothing was sent");
        // One line, with or without its CR LF / LF, is accepted.
        Fabric8MySqlShell.refuseMoreThanOneLine((PASSWORD + "\r\n").toCharArray());
        Fabric8MySqlShell.refuseMoreThanOneLine((PASSWORD + "\n").toCharArray());
        Fabric8MySqlShell.refuseMoreThanOneLine(PASSWORD.toCharArray());
    }

    @Test
    void theKubeletSideUnwrapsExactlyTheWrapperAndRejectsAnyOtherForm() {
        assertEquals(ARGV, unwrapOneStdinLine(WRAPPED));
        for (List<String> other : List.of(
                ARGV,
                List.of("sh", "-c", "head -n 1 | exec \"$0\" \"$@\"", "mysqlsh"),
                List.of("/bin/sh", "-c", "head -n 1 | exec $0 $@", "mysqlsh"),
                List.of("/bin/sh", "-c", "head -n 2 | exec \"$0\" \"$@\"", "mysqlsh"),
                List.of("/bin/sh", "-c", "head -n 1 | exec \"$0\" \"$@\""),
                List.of("/bin/sh", "-c", "head -n 1 | exec \"$0\" \"$@\"", "sh", "-c", "x"))) {
            assertThrows(IllegalArgumentException.class, () -> unwrapOneStdinLine(other), other.toString());
        }
    }

    @Test
    void rejectsEmptyArgvAndNonPositiveTimeouts() {
        assertThrows(IllegalArgumentException.class, () -> shell.run(pod, List.of(), null, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> shell.run(pod, ARGV, null, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> shell.run(new PodRef("elsewhere", "ns", "p"), ARGV, null, Duration.ofSeconds(1)),
                "unknown Kubernetes cluster");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The kubelet's final frame of an exec: channel 3 of {@code v4.channel.k8s.io} carrying a metav1.Status, as
     * kubernetes {@code pkg/kubelet/cri/streaming/remotecommand/exec.go} ServeExec writes it (through
     * {@code websocket.go} / {@code v4WriteStatusFunc}).
     */
    private static WebSocketMessage kubeletStatus(String statusJson) {
        byte[] body = statusJson.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 1];
        frame[0] = 3;
        System.arraycopy(body, 0, frame, 1, body.length);
        return new WebSocketMessage(0L, frame, true, true);
    }

    /**
     * ServeExec's Status for an exit code: Success, or Failure with reason NonZeroExitCode, cause ExitCode holding the
     * code and the message "command terminated with non-zero exit code: ..." (the runtime's error text follows;
     * containerd's CRI streaming exec says "error executing command [argv], exit code N").
     */
    private static String exited(int code) {
        if (code == 0) {
            return "{\"metadata\":{},\"status\":\"Success\"}";
        }
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "error executing command [mysqlsh], exit code " + code + "\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + code + "\"}]}}";
    }

    private static WebSocketMessage delayed(long millis, WebSocketMessage message) {
        return new WebSocketMessage(millis, message.getBytes(), true, true);
    }

    private Pod runningPod() {
        return new PodBuilder()
                .withNewMetadata()
                .withName(pod.pod())
                .withNamespace("mysql-prod")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("mysql")
                .endContainer()
                .addNewContainer()
                .withName("sidecar")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }

    private void expectPod(Pod pod) {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/mysql-prod/pods/" + this.pod.pod())
                .andReturn(200, pod)
                .always();
    }

    /** The exec URL fabric8 builds: one command parameter per argv element, then the container and streams. */
    private String execPath(List<String> argv, boolean stdin) {
        String command = argv.stream()
                .map(a -> "command="
                        + URLEncoder.encode(a, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return "/api/v1/namespaces/mysql-prod/pods/" + pod.pod() + "/exec?" + command + "&container=sidecar"
                + (stdin ? "&stdin=true" : "") + "&stdout=true&stderr=true";
    }

    private RecordedRequest execRequest() {
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS)) != null) {
                if (r.getPath().contains("/pods/" + pod.pod() + "/exec?")) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no exec request was recorded");
    }

    /**
     * What the mock kubelet accepts for a run with stdin: exactly {@code /bin/sh -c <the wrapper script> mysqlsh ...}
     * (Fabric8MySqlShell's one-line-then-EOF form), unwrapped to the mysqlsh argv; any other form is refused.
     */
    static List<String> unwrapOneStdinLine(List<String> command) {
        if (command.size() < 4
                || !command.get(0).equals("/bin/sh")
                || !command.get(1).equals("-c")
                || !command.get(2).equals("head -n 1 | exec \"$0\" \"$@\"")
                || !command.get(3).equals("mysqlsh")) {
            throw new IllegalArgumentException("not the one-line stdin wrapper around mysqlsh: " + command);
        }
        return List.copyOf(command.subList(3, command.size()));
    }

    private static List<String> commandOf(String path) {
        return query(path).getOrDefault("command", List.of());
    }

    private static Map<String, List<String>> query(String path) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.computeIfAbsent(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
