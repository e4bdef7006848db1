package org.certdesk.analyzer;

import java.util.List;

/**
 * The diagnosis of several hosts (the Company Portal sign-in goes through Microsoft's hosts and, for
 * federated tenants, the company's AD FS host).
 *
 * @param verdict the most severe verdict among the hosts
 */
public record Report(ProblemCode verdict, int apiLevel, List<HostReport> hosts) {
    public Report {
        hosts = List.copyOf(hosts);
    }

    public static Report of(int apiLevel, List<HostReport> hosts) {
        ProblemCode verdict = ProblemCode.OK;
        for (HostReport host : hosts) {
            if (host.verdict().moreSevereThan(verdict)) {
                verdict = host.verdict();
            }
        }
        return new Report(verdict, apiLevel, hosts);
    }

    /** The hosts whose verdict is not OK, in the order given. */
    public List<HostReport> failing() {
        return hosts.stream().filter(host -> !host.ok()).toList();
    }
}
