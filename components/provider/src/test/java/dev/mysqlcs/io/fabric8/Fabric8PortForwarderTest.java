package dev.mysqlcs.io.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.PortForwarder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port-forward route against fabric8's mock API server, which plays the kubelet's end of the stream (port-forward
 * needs a kubelet, which the real API server of the slow group lacks): per port a data channel and an error channel,
 * each opened by a frame naming the port, the kubelet's error text on the error channel.
 */
class Fabric8PortForwarderTest {

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
    private Fabric8PortForwarder forwarder;
    private PodRef pod;

    @BeforeEach
    void forwarder() {
        forwarder = new Fabric8PortForwarder(KubeClients.ofClients(Map.of("dr", client)));
        pod = new PodRef("dr", "mysql-dr", "dr-" + PODS.getAndIncrement());
    }

    @Test
    @SuppressWarnings("try") // closes the route inside its try to observe the effect
    void forwardsALoopbackPortToTheMySqlPortOfThePod() throws IOException {
        expectPod("Running");
        String greeting = "8.0.31-mysql-handshake";
        server.expect()
                .withPath("/api/v1/namespaces/mysql-dr/pods/" + pod.pod() + "/portforward?ports=3306")
                .andUpgradeToWebSocket()
                .open()
                .waitFor(10)
                .andEmit(channel(0, "12")) // the first frame of each channel names the port (skipped)
                .waitFor(10)
                .andEmit(channel(1, "12"))
                .waitFor(10)
                .andEmit(channel(0, greeting))
                .done()
                .once();

        try (PortForwarder.Route route = forwarder.open(pod, 3306)) {
            assertEquals("127.0.0.1", route.endpoint().host(), "loopback only, never every interface");
            assertTrue(route.endpoint().port() > 0);
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                route.endpoint().host(), route.endpoint().port()),
                        5000);
                socket.setSoTimeout(5000);
                assertEquals(greeting, read(socket.getInputStream(), greeting.length()));
            }
            route.close();
            assertTrue(
                    stopsListening(route.endpoint().port()),
                    "nothing listens on the local port once the route is" + " closed");
        }
    }

    /**
     * mysqld not listening in the pod: the kubelet writes its error on the port's error channel (channel 1) and closes
     * both streams (kubernetes {@code pkg/kubelet/cri/streaming/portforward/websocket.go} {@code portForward}: "error
     * forwarding port %d to pod %s, uid %v: %v"). The local connection then ends without a byte, which the JDBC
     * probe reads as a communications failure, never as an answer.
     */
    @Test
    @SuppressWarnings("try")
    void aPortNobodyListensOnInThePodEndsTheConnectionAsTheKubeletDoes() throws IOException {
        expectPod("Running");
        server.expect()
                .withPath("/api/v1/namespaces/mysql-dr/pods/" + pod.pod() + "/portforward?ports=3306")
                .andUpgradeToWebSocket()
                .open()
                .waitFor(10)
                .andEmit(channel(0, "12"))
                .waitFor(10)
                .andEmit(channel(1, "12"))
                .waitFor(10)
                .andEmit(channel(
                        1,
                        "error forwarding port 3306 to pod 6f1c2b, uid : failed to execute "
                                + "portforward in network namespace \"/var/run/netns/cni-5e0d\": failed to connect to "
                                + "localhost:3306 inside namespace \"6f1c2b\", IPv4: dial tcp4 127.0.0.1:3306: connect: "
                                + "connection refused IPv6 dial tcp6 [::1]:3306: connect: connection refused "))
                .done()
                .once();

        try (PortForwarder.Route route = forwarder.open(pod, 3306);
                Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            route.endpoint().host(), route.endpoint().port()),
                    5000);
            socket.setSoTimeout(5000);
            int first;
            try {
                first = socket.getInputStream().read();
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            assertEquals(-1, first, "the connection ends without any data from the pod");
        }
    }

    /** The listening socket is released asynchronously (its accept thread is interrupted): poll for up to 5 s. */
    private static boolean stopsListening(int port) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long backoff = 10;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException refused) {
                return true;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = Math.min(200, backoff * 2);
        }
        return false;
    }

    @Test
    void rejectsPortsOutsideTheTcpRange() {
        assertThrows(IllegalArgumentException.class, () -> forwarder.open(pod, 0));
        assertThrows(IllegalArgumentException.class, () -> forwarder.open(pod, 65536));
    }

    private void expectPod(String phase) {
        Pod p = new PodBuilder()
                .withNewMetadata()
                .withName(pod.pod())
                .withNamespace("mysql-dr")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("mysql")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/mysql-dr/pods/" + pod.pod())
                .andReturn(200, p)
                .always();
    }

    /** A port-forward frame: channel byte, then the payload (as the mock server's String messages carry it). */
    private static String channel(int channel, String payload) {
        return (char) channel + payload;
    }

    private static String read(InputStream in, int length) throws IOException {
        byte[] buf = in.readNBytes(length);
        return new String(buf, StandardCharsets.UTF_8);
    }
}
