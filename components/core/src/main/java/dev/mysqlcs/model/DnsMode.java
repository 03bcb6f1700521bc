package dev.mysqlcs.model;

import java.util.Arrays;
import java.util.List;

/** How forward zones reach CoreDNS: k3s / AKS / OKE import kube-system/coredns-custom; kubeadm needs the Corefile patched. */
public enum DnsMode {
    COREDNS_CUSTOM("coredns-custom"),
    COREFILE("corefile");

    private final String value;

    DnsMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static List<String> allowed() {
        return Arrays.stream(values()).map(DnsMode::value).toList();
    }

    public static DnsMode parse(String s) {
        for (DnsMode m : values()) {
            if (m.value.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
