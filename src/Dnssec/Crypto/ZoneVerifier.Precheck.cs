using System.Threading.Channels;
using Dnssec.Wire;

namespace Dnssec.Crypto;

public sealed partial class ZoneVerifier
{
    /// <summary>
    /// Checks the signatures of each owner name as soon as the zone has moved past it, on the cores the reader leaves
    /// idle, so that parsing a large file and verifying it overlap. Only an owner whose records all came in one run
    /// after the apex keys is checked early, on copies of its RRsets; when a name comes back later, or the apex does,
    /// its early results are not used and the final pass checks it as if there had been no precheck.
    /// </summary>
    private sealed class SignaturePrecheck : IDisposable
    {
        private readonly ZoneVerifier _owner;
        private readonly ZoneContents _zone;
        private readonly Channel<Lazy<SignatureCheck?[]>> _queue = Channel.CreateUnbounded<Lazy<SignatureCheck?[]>>(new UnboundedChannelOptions { SingleWriter = true });
        private readonly Dictionary<(DnsName Owner, RecordType Type), Lazy<SignatureCheck?[]>> _checks = [];
        private readonly HashSet<DnsName> _finished = [];
        private readonly HashSet<DnsName> _interrupted = [];
        private readonly Task[] _workers;
        private readonly CancellationTokenSource _stop;
        private DnsName? _current;
        private List<ZoneKey>? _keys;
        private bool _apexInterrupted;

        public SignaturePrecheck(ZoneVerifier owner, ZoneContents zone, int workers, CancellationToken cancellationToken)
        {
            _owner = owner;
            _zone = zone;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _workers = new Task[workers];
            for (int i = 0; i < workers; i++)
            {
                _workers[i] = Task.Run(Work);
            }
        }

        /// <summary>Notes a record that was just added to the zone.</summary>
        public void Observe(DnsRecord record)
        {
            if (record.Owner.Equals(_current))
            {
                return;
            }

            if (_current is not null)
            {
                Finish(_current);
            }

            if (_finished.Contains(record.Owner))
            {
                _interrupted.Add(record.Owner);
                _apexInterrupted |= record.Owner.Equals(_zone.Origin);
            }

            _current = record.Owner;
        }

        /// <summary>
        /// Notes that the whole zone has been read. The workers stop after the check in hand: the final pass takes every
        /// core and does, or waits for, whatever was queued.
        /// </summary>
        public void EndOfZone()
        {
            if (_current is not null)
            {
                Finish(_current);
                _current = null;
            }

            _queue.Writer.TryComplete();
            _stop.Cancel();
        }

        /// <summary>The outcome of each of an RRset's <paramref name="signatureCount"/> RRSIGs, in the zone's order, or null when they were not checked early and must be now.</summary>
        public SignatureCheck?[]? Outcomes(DnsName owner, RecordType type, int signatureCount)
        {
            if (_apexInterrupted || _interrupted.Contains(owner) || !_checks.TryGetValue((owner, type), out Lazy<SignatureCheck?[]>? check))
            {
                return null;
            }

            // Whichever of a worker and the final pass gets here first does the work; the other waits for it.
            SignatureCheck?[] outcomes = check.Value;
            return outcomes.Length == signatureCount ? outcomes : null;
        }

        public void Dispose()
        {
            _queue.Writer.TryComplete();
            _stop.Cancel();
            try
            {
                Task.WaitAll(_workers);
            }
            catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is OperationCanceledException))
            {
                // The workers stop early on purpose: the zone check ended or failed before they were done.
            }

            _stop.Dispose();
        }

        private void Finish(DnsName name)
        {
            if (!_finished.Add(name) || _interrupted.Contains(name))
            {
                return;
            }

            if (name.Equals(_zone.Origin))
            {
                _keys = WithTags(ZoneKeyRecords(_zone));
            }

            if (_keys is null || !_zone.Signatures.TryGetValue(name, out var signaturesByType) || !_zone.Names.TryGetValue(name, out var rrsets))
            {
                return;
            }

            List<ZoneKey> keys = _keys;
            foreach ((RecordType type, List<DnsRecord> signatures) in signaturesByType)
            {
                if (rrsets.TryGetValue(type, out List<DnsRecord>? rrset))
                {
                    // Copies, because the reader goes on adding to the zone while a worker reads them.
                    List<DnsRecord> rrsetCopy = [.. rrset];
                    DnsRecord[] signaturesCopy = [.. signatures];
                    var check = new Lazy<SignatureCheck?[]>(() => Array.ConvertAll(signaturesCopy, rrsig => _owner.CheckSignature(rrsetCopy, rrsig, keys)));
                    _checks[(name, type)] = check;
                    _queue.Writer.TryWrite(check);
                }
            }
        }

        private async Task Work()
        {
            await foreach (Lazy<SignatureCheck?[]> check in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    _ = check.Value;
                }
                catch (Exception)
                {
                    // The Lazy keeps the exception and throws it again to the final pass, which reports it.
                }
            }
        }
    }
}
