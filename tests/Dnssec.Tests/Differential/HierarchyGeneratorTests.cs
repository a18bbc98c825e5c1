using System.Text.Json;
using Dnssec.Differential.Generation;
using Dnssec.Differential.Questions;
using Dnssec.Differential.Triage;

namespace Dnssec.Tests.Differential;

/// <summary>The generator and the question planner: reproducible from the seed, and within the shapes the builder and named take.</summary>
public sealed class HierarchyGeneratorTests
{
    [Fact]
    public void Generate_SameSeedTwice_GivesTheSameHierarchyAndQuestions()
    {
        HierarchySpec first = HierarchyGenerator.Generate(12, 34);
        HierarchySpec second = HierarchyGenerator.Generate(12, 34);

        Assert.Equal(JsonSerializer.Serialize(first, CaseWriter.Json), JsonSerializer.Serialize(second, CaseWriter.Json));
        Assert.Equal(QuestionPlanner.Plan(first, 200), QuestionPlanner.Plan(second, 200));
    }

    [Fact]
    public void Generate_ManySeeds_KeepsParentsBeforeChildrenAndNamesOutOfSpecialUse()
    {
        string[] reserved = ["test.", "local.", "localhost.", "invalid.", "example.", "onion.", "arpa."];
        for (int number = 0; number < 200; number++)
        {
            HierarchySpec spec = HierarchyGenerator.Generate(1, number);

            Assert.Equal(".", spec.Zones[0].Name);
            Assert.InRange(spec.Zones.Count, 3, HierarchyGenerator.MaxZones);
            var seen = new HashSet<string>();
            foreach (ZoneSpec zone in spec.Zones)
            {
                Assert.True(zone.Parent is null || seen.Contains(zone.Parent), $"hierarchy {number}: {zone.Name} comes before its parent");
                Assert.InRange(zone.Depth, 0, HierarchyGenerator.MaxDepth);
                Assert.DoesNotContain(reserved, r => zone.Name.EndsWith(r, StringComparison.Ordinal));
                Assert.True(!zone.Signed || zone.Denial!.Kind == DenialKind.Nsec || zone.Keys.TrueForAll(k => k.Algorithm != Dnssec.Wire.DnssecAlgorithm.RSASHA1), $"hierarchy {number}: RSASHA1 cannot sign the NSEC3 zone {zone.Name}");
                seen.Add(zone.Name);
            }

            Assert.All(spec.Mutations, m => Assert.True(m.Zone == "." || seen.Contains(m.Zone), $"hierarchy {number}: {m} names no zone"));
        }
    }

    [Fact]
    public void Plan_AHierarchyWithWireMutations_AsksEachMutatedQuestionFirst()
    {
        for (int number = 0; number < 100; number++)
        {
            HierarchySpec spec = HierarchyGenerator.Generate(3, number);
            List<Question> questions = QuestionPlanner.Plan(spec, 200);
            var targets = spec.Mutations.Where(m => MutationKinds.IsWire(m.Kind)).Select(m => (m.Owner, m.Type)).Distinct().ToList();

            Assert.Equal(targets, questions.Take(targets.Count).Select(q => ((string?)q.Name, (string?)q.Type)));
            Assert.Equal(questions.Count, questions.Select(q => (q.Name, q.Type)).Distinct().Count());
        }
    }
}
