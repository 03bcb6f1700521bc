package dev.mysqlcs.io.fabric8;

import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.ShellResult;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.TtyExecOutputErrorable;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link MySqlShell} over the Kubernetes exec API (fabric8): runs argv in container {@code sidecar} of the pod, writes
 * the secret to the process's stdin, and collects stdout, stderr and the exit code.
 *
 * <p>Secrets: argv ends up in the exec URL, hence in API server audit logs and the pod's process list, so a run whose
 * argv contains a line of stdin (a password) is refused before anything is sent. Nothing here logs stdin or argv.
 *
 * <p>Stdin, and why it is one line then end-of-input. fabric8 7.1 offers the API server only the subprotocol
 * {@code v4.channel.k8s.io} (fabric8io/kubernetes-client v7.1.0 PodOperationsImpl.java {@code setupConnectionToPod}:
 * {@code .subprotocol("v4.channel.k8s.io")}; no {@code v5.channel.k8s.io} anywhere in the client, in 7.1.0 nor on
 * main). v4 has no way to say "stdin ends": ExecWebSocketListener sends every byte written to
 * {@link ExecWatch#getInput()} as a channel-0 frame ({@code send(bytes, off, len, (byte) 0)}), closing that stream
 * only flushes it (InputStreamPumper {@code WritableOutputStream} has no close), and the only close there is,
 * {@code ExecWatch.close()}, closes the whole websocket (code 1000), so the exit status and the rest of the output are
 * lost. The stdin-close frame (channel 255) is {@code v5.channel.k8s.io} (Kubernetes 1.29+), which fabric8 cannot
 * negotiate, and older API servers would not accept anyway. So a run with stdin never depends on the protocol: argv
 * runs under a POSIX shell wrapper, {@code /bin/sh -c 'head -n 1 | exec "$0" "$@"' <argv...>}, where {@code head}
 * passes exactly one line to the command and exits, so the command's stdin is a pipe that ends right after that
 * line whatever the exec stream does; a password or input prompt nobody foresaw reads end-of-input and returns at
 * once (mysql/mysql-shell src/mysqlsh/cmdline_shell.cc: no line is {@code Prompt_result::CTRL_D};
 * mysqlshdk/shellcore/shell_console.cc {@code call_prompt} stops on it) instead of waiting for the exec deadline.
 * A confirmation or selection prompt does not: src/mysqlsh/prompt_handler.cc {@code handle_confirm_prompt} and
 * {@code handle_select_prompt} ask again on CTRL_D ({@code continue}), so those are kept away by wizards off
 * ({@link dev.mysqlcs.io.AdminApi}), and the exec deadline stays their only bound. The script is a constant: argv stays separate words ({@code "$0" "$@"}, never
 * re-parsed), {@code exec} leaves the command's exit status as the run's, and the password travels only through
 * the two pipes, never as an argv element, an environment variable or a shell variable. Stdin must therefore be
 * exactly one line (a newline is added when missing; {@code mysqlsh --passwords-from-stdin} reads one password for
 * the {@code --uri} session). With null or empty stdin, no stdin stream and no wrapper.
 *
 * <p>The sidecar image has both: the sidecar runs {@code spec.operator_image} (mysql/mysql-operator
 * mysqloperator/controller/innodbcluster/cluster_objects.py:378-381), the same image whose {@code fixdatadir} init
 * container runs {@code ["bash", "-c", "chown 27:27 /var/lib/mysql && chmod 0700 /var/lib/mysql"]}
 * (cluster_objects.py:181-184): a shell, and {@code chown}/{@code chmod}, which come in one package with
 * {@code head} (coreutils). That image is built {@code FROM} the python-deps image (docker-build/Dockerfile), itself
 * {@code FROM container-registry.oracle.com/os/oraclelinux:9-slim} (docker-deps/Dockerfile), whose own
 * Dockerfile's {@code CMD ["/bin/bash"]} (oracle/container-images 9-slim/Dockerfile) and the shell-form
 * {@code RUN} lines of docker-build/Dockerfile need {@code /bin/sh}.
 */
public final class Fabric8MySqlShell implements MySqlShell {

    /** Longest stdout or stderr kept per run; the rest is read and dropped so the stream never stalls. */
    static final int MAX_CAPTURE_BYTES = 16 * 1024 * 1024;
    /** Shortest stdin line whose appearance in argv is refused; shorter ones would match ordinary text by chance. */
    static final int MIN_SECRET_LENGTH_CHECKED = 4;

    private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(10);

    /** The wrapper's shell: an absolute path, so no PATH lookup by the container runtime. */
    static final String SHELL = "/bin/sh";
    /**
     * The wrapper script: one line of the exec's stdin to the command ({@code $0 $@}), then end-of-input. Positional
     * parameters keep every argv element one word, unparsed; {@code exec} replaces the subshell by the command, so
     * its exit status is the pipeline's.
     */
    static final String ONE_LINE_THEN_EOF = "head -n 1 | exec \"$0\" \"$@\"";

    private final Function<String, KubernetesClient> clients;

    public Fabric8MySqlShell(KubeClients clients) {
        this(Objects.requireNonNull(clients, "clients")::client);
    }

    /** @param clients the fabric8 client of a Kubernetes cluster, by the topology's kubeClusters name */
    public Fabric8MySqlShell(Function<String, KubernetesClient> clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /**
     * The timeout counts from the moment the exec stream is open (opening it is bounded by the client's request
     * timeout, 10 s by default); when it passes, the stream is closed and {@link ShellTimeoutException} raised.
     *
     * @return the exit code with stdout and stderr; exit code -1 when the connection to the pod broke (or closed)
     * before the exit status arrived, with a note on stderr: the outcome is then unknown, read state before retrying
     */
    @Override
    public ShellResult run(PodRef pod, List<String> argv, char[] stdin, Duration timeout) {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(argv, "argv");
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty() || argv.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("argv must be non-empty and hold no null element");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        refuseSecretInArgv(argv, stdin);
        boolean withStdin = stdin != null && stdin.length > 0;
        if (withStdin) {
            refuseMoreThanOneLine(stdin);
        }
        List<String> command = withStdin ? oneStdinLine(argv) : argv;
        long deadline = System.nanoTime() + timeout.toNanos();
        String where = where(pod);

        KubernetesClient client = clients.apply(pod.kubeCluster());
        ExecWatch watch;
        // The kubelet's last frame on the status channel (kubernetes pkg/kubelet/cri/streaming/remotecommand/exec.go
        // ServeExec): Success; Failure with reason NonZeroExitCode and the code in cause ExitCode; or, when the
        // runtime could not run the command, InternalError "error executing command in container: ..." without any
        // exit code (fabric8 then reports -1). Kept to say what the kubelet said.
        CompletableFuture<Status> finalStatus = new CompletableFuture<>();
        ExecListener listener = new ExecListener() {
            @Override
            public void onClose(int code, String reason) {
                finalStatus.complete(null);
            }

            @Override
            public void onExit(int code, Status status) {
                finalStatus.complete(status);
            }
        };
        try {
            PodResource resource = client.pods().inNamespace(pod.namespace()).withName(pod.pod());
            ContainerResource container = resource.inContainer(PodRef.SIDECAR);
            TtyExecOutputErrorable streams = withStdin ? container.redirectingInput() : container;
            watch = streams.redirectingOutput()
                    .redirectingError()
                    .usingListener(listener)
                    .exec(command.toArray(String[]::new));
        } catch (KubernetesClientException e) {
            throw notStarted(where, argv.get(0), e);
        }

        try (watch) {
            Capture out = Capture.start(watch.getOutput(), "stdout " + where);
            Capture err = Capture.start(watch.getError(), "stderr " + where);
            if (withStdin) {
                writeLine(watch, stdin);
            }
            Integer exitCode;
            String note = null;
            try {
                exitCode = watch.exitCode().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (exitCode == null) {
                    note = "the exec stream to " + where + " closed before " + argv.get(0) + " reported an exit"
                            + " status; its outcome is unknown";
                } else if (exitCode < 0) {
                    note = kubeletFailure(where, argv.get(0), finalStatus);
                }
            } catch (TimeoutException e) {
                throw new ShellTimeoutException(argv.get(0) + " in " + where + " did not finish within " + timeout
                        + "; it may still be running there");
            } catch (ExecutionException e) {
                exitCode = null;
                note = "the exec connection to " + where + " failed while " + argv.get(0) + " ran ("
                        + oneLine(e.getCause()) + "); its outcome is unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "interrupted while waiting for " + argv.get(0) + " in " + where
                                + "; it may still be running there",
                        e);
            }
            String stdout = out.await(DRAIN_AFTER_EXIT);
            String stderr = err.await(DRAIN_AFTER_EXIT);
            if (note != null) {
                stderr = stderr + (stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n") + "[mysqlcs] " + note
                        + "; read the state before retrying\n";
            }
            return new ShellResult(exitCode == null ? -1 : exitCode, stdout, stderr);
        }
    }

    /**
     * The argv that runs {@code argv} with exactly one line of stdin and then end-of-input (see the class comment):
     * {@code /bin/sh -c 'head -n 1 | exec "$0" "$@"' argv[0] argv[1] ...}.
     */
    public static List<String> oneStdinLine(List<String> argv) {
        List<String> wrapped = new java.util.ArrayList<>(argv.size() + 3);
        wrapped.add(SHELL);
        wrapped.add("-c");
        wrapped.add(ONE_LINE_THEN_EOF);
        wrapped.addAll(argv);
        return List.copyOf(wrapped);
    }

    /** The wrapper passes one line: a second one would never reach the command, so it is refused up front. */
    static void refuseMoreThanOneLine(char[] stdin) {
        for (int i = 0; i < stdin.length; i++) {
            if ((stdin[i] == '\n' && i < stdin.length - 1) || (stdin[i] == '\r' && i < stdin.length - 2)) {
                throw new IllegalArgumentException("stdin must be one line (mysqlsh --passwords-from-stdin reads one"
                        + " password for the --uri session, and the exec wrapper passes one line, then end-of-input);"
                        + " it holds a line break before its end");
            }
        }
    }

    /** A Failure status without an exit code: what the kubelet said, and that the outcome is unknown. */
    static String kubeletFailure(String where, String command, CompletableFuture<Status> finalStatus) {
        Status s;
        try {
            // fabric8 completes the exit code just before it calls onExit: wait a moment for the status itself.
            s = finalStatus.get(DRAIN_AFTER_EXIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s = null;
        } catch (ExecutionException | TimeoutException e) {
            s = null;
        }
        String said = s == null
                ? ""
                : " (" + (s.getReason() == null ? s.getStatus() : s.getReason())
                        + (s.getMessage() == null ? "" : ": " + s.getMessage().replaceAll("\\s+", " ")) + ")";
        return "the kubelet reported a failure of the exec in " + where + " without an exit code" + said
                + "; the outcome of " + command + " is unknown";
    }

    /** How messages name the pod: {@code pod sidecar of ns/pod in Kubernetes cluster k}. */
    static String where(PodRef pod) {
        return "container " + PodRef.SIDECAR + " of pod " + pod.namespace() + "/" + pod.pod() + " in Kubernetes"
                + " cluster " + pod.kubeCluster();
    }

    /**
     * Nothing ran. Pod or namespace gone, container not running, API server or kubelet unreachable: unavailable.
     * Authentication or authorization refused: a configuration error, never "unreachable".
     */
    static RuntimeException notStarted(String where, String command, KubernetesClientException e) {
        int code = httpCode(e);
        if (code == 401 || code == 403) {
            return new IllegalStateException(
                    "Kubernetes refused to exec " + command + " in " + where + " (HTTP "
                            + code + "): the kube context needs the pods/exec permission in that namespace; "
                            + oneLine(e),
                    e);
        }
        if (e.getCode() <= 0 && code > 0) {
            // The exec stream's upgrade was refused; fabric8 keeps the code but not the API server's reason.
            return new ShellUnavailableException(
                    "cannot exec " + command + " in " + where + ": the API server refused "
                            + "the exec stream with HTTP " + code
                            + (code == 400
                                    ? " (for a pod that exists: no node "
                                            + "assigned, or the container is not running; `kubectl exec` shows the reason)"
                                    : ""),
                    e);
        }
        return new ShellUnavailableException("cannot exec " + command + " in " + where + ": " + oneLine(e), e);
    }

    /**
     * The HTTP status of a refused request. For the exec stream's upgrade fabric8 (7.1, Vert.x) reports code -1 with
     * the status only on a {@link WebSocketHandshakeException} cause, which a real kube-apiserver gives for a missing
     * {@code pods/exec} permission (403) or a pod without a node (400).
     */
    static int httpCode(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return e.getCode();
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException w && w.getResponse() != null) {
                return w.getResponse().code();
            }
        }
        return -1;
    }

    /**
     * Refuses argv that carries a secret of stdin: argv is visible in audit logs and process lists. Each stdin line is
     * one secret (mysqlsh reads a password per line); lines shorter than {@link #MIN_SECRET_LENGTH_CHECKED} are not
     * checked, they would match ordinary text by chance.
     */
    static void refuseSecretInArgv(List<String> argv, char[] stdin) {
        if (stdin == null) {
            return;
        }
        int start = 0;
        for (int i = 0; i <= stdin.length; i++) {
            if (i == stdin.length || stdin[i] == '\n') {
                int end = i > start && stdin[i - 1] == '\r' ? i - 1 : i;
                if (end - start >= MIN_SECRET_LENGTH_CHECKED) {
                    for (int a = 0; a < argv.size(); a++) {
                        if (contains(argv.get(a), stdin, start, end - start)) {
                            throw new IllegalArgumentException("argv[" + a + "] contains a secret passed on stdin;"
                                    + " refusing to run it (a command line is visible in the pod's process list and"
                                    + " the API server's audit log)");
                        }
                    }
                }
                start = i + 1;
            }
        }
    }

    private static boolean contains(String haystack, char[] needle, int from, int length) {
        outer:
        for (int start = 0; start + length <= haystack.length(); start++) {
            for (int j = 0; j < length; j++) {
                if (haystack.charAt(start + j) != needle[from + j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void writeLine(ExecWatch watch, char[] stdin) {
        byte[] bytes = null;
        ByteBuffer encoded = null;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(stdin));
            int n = encoded.remaining();
            boolean newline = stdin[stdin.length - 1] == '\n';
            bytes = new byte[newline ? n : n + 1];
            encoded.get(bytes, 0, n);
            if (!newline) {
                bytes[n] = '\n';
            }
            OutputStream in = watch.getInput();
            in.write(bytes);
            in.flush();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("stdin is not valid text (unpaired surrogate)", e);
        } catch (IOException | KubernetesClientException e) {
            // The process has already ended or the stream broke: the exit status tells what happened.
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
            if (encoded != null && encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    private static String oneLine(Throwable t) {
        String m = t == null ? null : t.getMessage();
        return m == null
                ? (t == null ? "" : t.getClass().getSimpleName())
                : m.replaceAll("\\s+", " ").trim();
    }

    /** Drains one output stream on its own thread, so neither stream can stall the other. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;
        private boolean truncated;

        private Capture(InputStream in, String name) {
            this.in = in;
            this.thread = new Thread(this, "mysqlsh " + name);
            this.thread.setDaemon(true);
        }

        static Capture start(InputStream in, String name) {
            Capture c = new Capture(in, name);
            c.thread.start();
            return c;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        int room = MAX_CAPTURE_BYTES - buffer.size();
                        if (n > room) {
                            truncated = true;
                        }
                        buffer.write(chunk, 0, Math.max(0, Math.min(n, room)));
                    }
                }
            } catch (IOException e) {
                // fabric8 ends a stream with an IOException after a non-zero exit or a closed watch; what was read
                // before stays captured.
            }
        }

        String await(Duration max) {
            try {
                thread.join(max.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buffer) {
                String s = buffer.toString(StandardCharsets.UTF_8);
                return truncated ? s + "\n[mysqlcs] output truncated after " + MAX_CAPTURE_BYTES + " bytes\n" : s;
            }
        }
    }
}
