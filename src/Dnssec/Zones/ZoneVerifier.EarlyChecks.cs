using System.Threading.Channels;
using Dnssec.Wire;

namespace Dnssec.Zones;

public sealed partial class ZoneVerifier
{
    /// <summary>
    /// Reads the records into the index and, once the apex's keys are read, hands each name whose records have all been
    /// read (the next name has begun) to workers that check its signatures while the rest of the file is read, so that
    /// reading and checking overlap. A name whose records come back after another name, and every name once the apex
    /// comes back (its keys may change), are left to the final pass, so the outcome never depends on the file's order.
    /// </summary>
    private sealed class EarlyChecks
    {
        /// <summary>Names handed over at once: enough that the queue's locking is rare, few enough that workers start early.</summary>
        private const int NamesPerBatch = 16;

        /// <summary>Batches that may wait; past that the reader checks a batch itself instead of running ahead.</summary>
        private const int QueuedBatches = 64;

        private readonly ZoneVerifier _verifier;
        private readonly ZoneIndex _zone;
        private readonly IReadOnlyList<DnsRecord>? _anchors;
        private readonly IProgress<int>? _progress;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<DnsName> _finished = [];
        private readonly HashSet<DnsName> _reread = [];
        private readonly List<DnsName> _waiting = [];
        private readonly Dictionary<DnsName, NameWork> _handedOver = [];
        private readonly HashSet<DnsName> _delegations = [];
        private List<NameWork> _batch = new(NamesPerBatch);
        private Channel<List<NameWork>>? _queue;
        private Task[] _workers = [];
        private List<ZoneKey> _keys = [];
        private HashSet<DnsRecord> _trustedKeys = [];
        private volatile bool _abandoned;
        private int _checked;

        public EarlyChecks(ZoneVerifier verifier, ZoneIndex zone, IReadOnlyList<DnsRecord>? anchors, IProgress<int>? progress, CancellationToken cancellationToken)
        {
            _verifier = verifier;
            _zone = zone;
            _anchors = anchors;
            _progress = progress;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Indexes every record, handing names over as they are complete.</summary>
        /// <exception cref="ArgumentException">A record lies outside the zone.</exception>
        public void Read(IEnumerable<DnsRecord> records)
        {
            DnsName? current = null;
            foreach (DnsRecord record in records)
            {
                if (!_zone.Include(record))
                {
                    throw _zone.OutsideTheZone(record, nameof(records));
                }

                if (record.Type == RecordType.NS && !record.Owner.Equals(_zone.Origin))
                {
                    _delegations.Add(record.Owner);
                }

                if (current is null || !record.Owner.Equals(current))
                {
                    if (current is not null)
                    {
                        Finished(current);
                    }

                    current = record.Owner;
                    if (_finished.Contains(current))
                    {
                        _reread.Add(current);
                        _abandoned |= _queue is not null && current.Equals(_zone.Origin);
                    }
                }
            }

            if (current is not null)
            {
                Finished(current);
            }

            if (_batch.Count > 0)
            {
                Send();
            }

            _queue?.Writer.TryComplete();
        }

        /// <summary>The delegation points read, for classifying names once the whole zone is read.</summary>
        public ZoneCuts Cuts() => new(_zone.Origin, _delegations);

        /// <summary>The work for a name whose signatures were checked early, or null when the final pass must check them all.</summary>
        public NameWork? Find(DnsName owner) =>
            _abandoned || _reread.Contains(owner) || !_handedOver.TryGetValue(owner, out NameWork? work) ? null : work;

        /// <summary>Counts one RRset checked, for the progress report.</summary>
        public void Report()
        {
            int done = Interlocked.Increment(ref _checked);
            if ((done & 0xFF) == 0)
            {
                _progress?.Report(done);
            }
        }

        /// <summary>Waits until the workers have checked everything handed over.</summary>
        /// <exception cref="OperationCanceledException">The check was cancelled.</exception>
        public void WaitForWorkers()
        {
            Task.WaitAll(_workers);
            _cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>Stops the workers after a failure to read, and waits for them so that nothing runs on after it.</summary>
        public void Abandon()
        {
            _abandoned = true;
            _queue?.Writer.TryComplete();
            try
            {
                Task.WaitAll(_workers);
            }
            catch (AggregateException)
            {
                // The read's own exception is the one the caller needs.
            }
        }

        private void Finished(DnsName owner)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _finished.Add(owner);
            if (_abandoned || _reread.Contains(owner))
            {
                return;
            }

            if (_queue is not null)
            {
                HandOver(owner);
                return;
            }

            _waiting.Add(owner);
            if (owner.Equals(_zone.Origin) && ZoneKeyRecords(_zone) is { Count: > 0 } keys)
            {
                Start(keys);
            }
        }

        /// <summary>Starts the workers once the apex and its keys are read, and hands over the names read before it.</summary>
        private void Start(List<DnsRecord> keys)
        {
            _keys = ZoneKeysWithTags(keys);
            _trustedKeys = TrustedKeys(keys, _anchors, _zone.Origin);
            _queue = Channel.CreateBounded<List<NameWork>>(new BoundedChannelOptions(QueuedBatches) { SingleWriter = true });
            _workers = new Task[_verifier.MaxDegreeOfParallelism];
            for (int i = 0; i < _workers.Length; i++)
            {
                _workers[i] = Task.Run(WorkAsync);
            }

            foreach (DnsName owner in _waiting)
            {
                if (!_reread.Contains(owner))
                {
                    HandOver(owner);
                }
            }

            _waiting.Clear();
        }

        private void HandOver(DnsName owner)
        {
            if (!_zone.Names.TryGetValue(owner, out var sets))
            {
                return;
            }

            // Copies of the lists, because a record of this name read later would change them under a worker.
            var work = new NameWork(owner, new NameWork.RRsetWork[sets.Count]);
            int i = 0;
            foreach ((RecordType type, List<DnsRecord> rrset) in sets)
            {
                work.Sets[i++] = new NameWork.RRsetWork(type, [.. rrset], [.. _zone.SignaturesOf(owner, type)]);
            }

            _handedOver[owner] = work;
            _batch.Add(work);
            if (_batch.Count == NamesPerBatch)
            {
                Send();
            }
        }

        private void Send()
        {
            List<NameWork> batch = _batch;
            _batch = new List<NameWork>(NamesPerBatch);
            if (!_queue!.Writer.TryWrite(batch))
            {
                // The workers are behind: the reader lends a hand rather than waiting.
                Check(batch);
            }
        }

        private async Task WorkAsync()
        {
            ChannelReader<List<NameWork>> reader = _queue!.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out List<NameWork>? batch))
                {
                    Check(batch);
                }
            }
        }

        private void Check(List<NameWork> batch)
        {
            foreach (NameWork work in batch)
            {
                if (_abandoned || _cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                foreach (NameWork.RRsetWork set in work.Sets)
                {
                    set.Check = _verifier.CheckSignatures(work.Owner, set.Type, set.Records, set.Signatures, _keys, _trustedKeys);
                    Report();
                }
            }
        }
    }

    /// <summary>The RRsets of one name as they were when it was handed to a worker, and what checking them found.</summary>
    private sealed class NameWork(DnsName owner, NameWork.RRsetWork[] sets)
    {
        public DnsName Owner { get; } = owner;

        public RRsetWork[] Sets { get; } = sets;

        /// <summary>The RRset of <paramref name="type"/> as handed over, or null when the name had none then.</summary>
        public RRsetWork? Find(RecordType type)
        {
            foreach (RRsetWork set in Sets)
            {
                if (set.Type == type)
                {
                    return set;
                }
            }

            return null;
        }

        /// <summary>One RRset, its signatures, and the outcome once a worker has checked it.</summary>
        public sealed class RRsetWork(RecordType type, DnsRecord[] records, DnsRecord[] signatures)
        {
            public RecordType Type { get; } = type;

            public DnsRecord[] Records { get; } = records;

            public DnsRecord[] Signatures { get; } = signatures;

            public RRsetCheck? Check { get; set; }
        }
    }
}
