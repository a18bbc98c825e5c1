using System.Globalization;
using Dnssec.Differential.Building;

namespace Dnssec.Differential.Serving;

/// <summary>
/// The two Unbounds of a hierarchy, configured as the interop hierarchy's: the non-validating upstream iterates from the
/// hierarchy's root hints; the validating one (the oracle) forwards everything to the mutating proxy in front of the
/// upstream, so that it sees the same bytes as our resolver in stub mode and delv.
/// </summary>
public static class UnboundConfig
{
    /// <summary>The non-validating upstream's configuration.</summary>
    public static string Upstream(BuiltHierarchy hierarchy) =>
        Common(hierarchy, AddressPlan.Upstream(hierarchy.Slot).Address.ToString(), "upstream") + $"""
                module-config: "iterator"
                root-hints: "{hierarchy.RootHintsFile}"

            """;

    /// <summary>The validating oracle's configuration.</summary>
    public static string Validator(BuiltHierarchy hierarchy) =>
        Common(hierarchy, AddressPlan.Validator(hierarchy.Slot).Address.ToString(), "validator") + $"""
                module-config: "validator iterator"
                trust-anchor-file: "{hierarchy.AnchorFile}"
                val-log-level: 2
                val-permissive-mode: no
            forward-zone:
                name: "."
                forward-addr: {AddressPlan.Proxy(hierarchy.Slot).Address}@{AddressPlan.Port.ToString(CultureInfo.InvariantCulture)}

            """;

    private static string Common(BuiltHierarchy hierarchy, string address, string name) => $"""
        # Unbound "{name}" of generated hierarchy {hierarchy.Spec.Number} (seed {hierarchy.Spec.Seed}), slot {hierarchy.Slot}.
        server:
            interface: {address}
            port: {AddressPlan.Port.ToString(CultureInfo.InvariantCulture)}
            do-ip6: no
            do-daemonize: no
            chroot: ""
            username: ""
            directory: "{hierarchy.Directory}"
            pidfile: ""
            logfile: ""
            use-syslog: no
            log-time-ascii: yes
            verbosity: 1
            num-threads: 1
            so-reuseport: no
            outgoing-range: 64
            access-control: 127.0.0.0/8 allow
            do-not-query-localhost: no
            edns-buffer-size: 1232
            cache-max-negative-ttl: 60
            infra-host-ttl: 60
            qname-minimisation: no
            harden-referral-path: no
            prefetch: no
            aggressive-nsec: no
            ede: yes

        """;
}
