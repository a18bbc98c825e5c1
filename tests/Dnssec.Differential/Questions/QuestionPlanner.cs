using Dnssec.Differential.Generation;

namespace Dnssec.Differential.Questions;

/// <summary>
/// Chooses a hierarchy's questions from its spec: every RRset, types the names lack, names that do not exist, wildcard
/// expansions, empty non-terminals, DS at every cut and at names that are none, DNSKEY, SOA and NS at every apex, glue,
/// TLSA, CNAME and DNAME chains, and the question of every wire mutation; then a seeded sample of the wanted size
/// (the mutation targets always in it). The same hierarchy and seed give the same questions in the same order.
/// </summary>
public static class QuestionPlanner
{
    private static readonly string[] MissingTypes = ["A", "AAAA", "MX", "TXT", "TLSA", "HTTPS", "SVCB", "SRV", "CAA", "NAPTR", "SSHFP", "PTR"];

    /// <summary>Up to <paramref name="count"/> questions for <paramref name="hierarchy"/>.</summary>
    public static List<Question> Plan(HierarchySpec hierarchy, int count)
    {
        var random = new Random(hierarchy.Seed ^ 0x51ED);
        var candidates = new List<Question>();
        var seen = new HashSet<(string, string)>();
        void Add(string name, string type, QuestionKind kind)
        {
            if (seen.Add((name, type)))
            {
                candidates.Add(new Question(name, type, kind));
            }
        }

        foreach (ZoneSpec zone in hierarchy.Zones)
        {
            AddZone(hierarchy, zone, random, Add);
        }

        // Mutation targets first and always: they are why the mutation is there.
        var plan = new List<Question>();
        var chosen = new HashSet<(string, string)>();
        foreach (MutationSpec mutation in hierarchy.Mutations.Where(m => MutationKinds.IsWire(m.Kind) && m.Owner is not null))
        {
            if (chosen.Add((mutation.Owner!, mutation.Type!)))
            {
                plan.Add(new Question(mutation.Owner!, mutation.Type!, QuestionKind.MutationTarget));
            }
        }

        // More of every kind until there are enough to choose from: names that do not exist, types that are missing,
        // other names a wildcard or DNAME answers, other types at CNAMEs.
        for (int attempt = 0; candidates.Count < count * 2 && attempt < count * 4; attempt++)
        {
            ZoneSpec zone = hierarchy.Zones[random.Next(hierarchy.Zones.Count)];
            string[] owners = Owners(zone);
            RecordSpec[] redirections = [.. zone.Records.Where(r => r.Type is "CNAME" or "DNAME" || r.Owner.StartsWith("*.", StringComparison.Ordinal))];
            string type = MissingTypes[random.Next(MissingTypes.Length)];
            double roll = random.NextDouble();
            if (roll < 0.35 && redirections.Length > 0)
            {
                RecordSpec record = redirections[random.Next(redirections.Length)];
                if (record.Owner.StartsWith("*.", StringComparison.Ordinal))
                {
                    Add(Names.Child("w" + Names.RandomLabel(random, 3), record.Owner[2..]), type, record.Type == "CNAME" ? QuestionKind.Cname : zone.Records.Exists(r => r.Owner == record.Owner && r.Type == type) ? QuestionKind.WildcardExpansion : QuestionKind.WildcardNoData);
                }
                else if (record.Type == "DNAME")
                {
                    Add(Names.Child(Names.RandomLabel(random, 3), record.Owner), type, QuestionKind.Dname);
                }
                else
                {
                    Add(record.Owner, type, QuestionKind.Cname);
                }
            }
            else if (roll < 0.65 || owners.Length == 0)
            {
                Add(Names.Child("nx" + Names.RandomLabel(random, 3), zone.Name), type, QuestionKind.NxDomain);
            }
            else
            {
                string owner = owners[random.Next(owners.Length)];
                Add(owner, type, zone.Records.Exists(r => r.Owner == owner && r.Type == type) ? QuestionKind.Existing : Kind(zone, owner));
            }
        }

        foreach (Question question in candidates.OrderBy(_ => random.Next()))
        {
            if (plan.Count >= count)
            {
                break;
            }

            if (chosen.Add((question.Name, question.Type)))
            {
                plan.Add(question);
            }
        }

        return plan;
    }

    private static void AddZone(HierarchySpec hierarchy, ZoneSpec zone, Random random, Action<string, string, QuestionKind> add)
    {
        string apex = zone.Name;
        add(apex, "SOA", QuestionKind.Apex);
        add(apex, "NS", QuestionKind.Apex);
        add(apex, "DNSKEY", QuestionKind.Dnskey);
        if (zone.Parent is not null)
        {
            add(apex, "DS", QuestionKind.DsAtCut);
            add(zone.ServerName, "A", QuestionKind.Glue);
        }

        add(Names.Child("nx" + Names.RandomLabel(random, 3), apex), "A", QuestionKind.NxDomain);
        add(Names.Child("nx" + Names.RandomLabel(random, 3), Names.Child(Names.RandomLabel(random, 2), apex)), "TXT", QuestionKind.NxDomain);
        var cuts = new HashSet<string>(hierarchy.Children(zone).Select(c => c.Name));
        foreach (RecordSpec record in zone.Records)
        {
            string owner = record.Owner;
            if (owner.StartsWith("*.", StringComparison.Ordinal))
            {
                string below = owner[2..];
                string expanded = Names.Child("w" + Names.RandomLabel(random, 2), below);
                add(expanded, record.Type, record.Type == "CNAME" ? QuestionKind.Cname : QuestionKind.WildcardExpansion);
                add(Names.Child("d" + Names.RandomLabel(random, 2), expanded), record.Type == "CNAME" ? "A" : record.Type, record.Type == "CNAME" ? QuestionKind.Cname : QuestionKind.WildcardExpansion);
                add(expanded, Missing(zone, owner, random), record.Type == "CNAME" ? QuestionKind.Cname : QuestionKind.WildcardNoData);
                continue;
            }

            switch (record.Type)
            {
                case "CNAME":
                    add(owner, Pick(random, ["A", "AAAA", "TXT", "MX"]), QuestionKind.Cname);
                    add(owner, "CNAME", QuestionKind.Existing);
                    break;
                case "DNAME":
                    add(Names.Child("www", owner), "A", QuestionKind.Dname);
                    add(Names.Child(Names.RandomLabel(random, 2), owner), "TXT", QuestionKind.Dname);
                    add(owner, "DNAME", QuestionKind.Existing);
                    break;
                case "TLSA":
                    add(owner, "TLSA", QuestionKind.Tlsa);
                    break;
                case "SVCB" or "HTTPS":
                    add(owner, record.Type, QuestionKind.ServiceBinding);
                    break;
                default:
                    add(owner, record.Type, zone.Records.Count(r => r.Owner == owner && r.Type == record.Type) > 10 ? QuestionKind.Large : QuestionKind.Existing);
                    break;
            }

            if (record.Type is not "CNAME")
            {
                add(owner, Missing(zone, owner, random), QuestionKind.NoData);
                if (owner != apex)
                {
                    add(owner, "DS", QuestionKind.DsNotCut);
                    add(Names.Child("nx" + Names.RandomLabel(random, 2), owner), "A", QuestionKind.NxDomain);
                }
            }

            // The empty non-terminals between the apex and the owner.
            for (string name = Names.Parent(owner); name != apex && Names.IsBelow(name, apex); name = Names.Parent(name))
            {
                if (!zone.Records.Exists(r => r.Owner == name) && !cuts.Contains(name) && !name.StartsWith('_'))
                {
                    add(name, "A", QuestionKind.EmptyNonTerminal);
                    add(name, "DS", QuestionKind.EmptyNonTerminal);
                }
            }

            if (owner.StartsWith('_'))
            {
                // The service name's parent (_tcp.www…) is an empty non-terminal too.
                add(Names.Parent(owner), "TXT", QuestionKind.EmptyNonTerminal);
            }
        }
    }

    private static string[] Owners(ZoneSpec zone) => [.. zone.Records.Select(r => r.Owner).Where(o => !o.StartsWith('*') && !zone.Records.Exists(r => r.Owner == o && r.Type is "CNAME" or "DNAME")).Distinct()];

    private static QuestionKind Kind(ZoneSpec zone, string owner) => zone.Records.Exists(r => r.Owner == owner) ? QuestionKind.NoData : QuestionKind.NxDomain;

    private static string Missing(ZoneSpec zone, string owner, Random random)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            string type = MissingTypes[random.Next(MissingTypes.Length)];
            if (!zone.Records.Exists(r => r.Owner == owner && r.Type == type))
            {
                return type;
            }
        }

        return "NAPTR";
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
