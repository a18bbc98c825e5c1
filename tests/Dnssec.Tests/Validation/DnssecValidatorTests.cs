using Dnssec.Crypto;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Tests.Validation.Scenarios;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>What checking that the signer holds the owner (RFC 4035 §5.3.1) costs: one DS query per name below the apex, once.</summary>
public sealed class DnssecValidatorTests
{
    private static TestHierarchy Build()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => z.Records = ValidationScenarios.StandardRecords);
        return h.Build();
    }

    [Fact]
    public async Task ValidateAsync_OwnerBelowApex_CostsNoMoreQueriesThanApexData()
    {
        TestHierarchy h = Build();

        int before = h.Authority.Queries;
        AnswerValidation apex = await h.ValidateAsync("example.test.", RecordType.SOA);
        int apexQueries = h.Authority.Queries - before;
        before = h.Authority.Queries;
        AnswerValidation below = await h.ValidateAsync("www.example.test.", RecordType.A);
        int belowQueries = h.Authority.Queries - before;

        Assert.Equal(SecurityStatus.Secure, apex.Status);
        Assert.Equal(SecurityStatus.Secure, below.Status);
        Assert.Equal(apexQueries, belowQueries);
    }

    [Fact]
    public async Task ValidateAsync_SameNameTwiceWithOneValidator_AsksOnlyForTheAnswerTheSecondTime()
    {
        TestHierarchy h = Build();
        DnssecValidator validator = h.Validator();
        await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        int before = h.Authority.Queries;
        AnswerValidation again = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Secure, again.Status);
        Assert.Equal(1, h.Authority.Queries - before);
    }

    [Fact]
    public async Task ValidateAsync_AnyAnswer_EveryRRsetAtTheNameIsTheAnswer()
    {
        // Unbound's val_any: an ANY answer holds RRsets of several types, none of them of type ANY; none needs a denial.
        TestHierarchy h = Build();
        var any = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.ANY);
        DnsMessage response = h.Authority.Resolve(any with { Type = RecordType.A })!;
        response.Questions[0] = any;
        response.Answers.AddRange(h.Authority.Resolve(any with { Type = RecordType.TXT })!.Answers);

        AnswerValidation validation = await h.Validator().ValidateAsync(any, response);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.Reason);
        Assert.Equal([RecordType.A, RecordType.TXT], validation.RRsets.Select(r => r.RRset.Type).Order());
        Assert.Empty(validation.Proofs);
    }

    [Fact]
    public async Task ValidateAsync_NoTrustAnchorCoversTheName_IndeterminateWithoutAnError()
    {
        // RFC 4035 §4.3: Indeterminate, yet nothing failed, so a server hands the data out without AD (Unbound's
        // val_anchor_nx_nosig and val_cnameinsectopos), where a broken chain is SERVFAIL.
        TestHierarchy h = Build();
        var question = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A);
        var validator = new DnssecValidator(new Dnssec.TrustAnchors.TrustAnchorSet(), h.Authority, null, h.Clock);

        AnswerValidation validation = await validator.ValidateAsync(question, h.Authority.Resolve(question)!);

        Assert.Equal(SecurityStatus.Indeterminate, validation.Status);
        Assert.True(validation.Result.Unvalidatable);
        Assert.Null(validation.Result.Error);
    }

    [Fact]
    public async Task ValidateAsync_RrsigInAnotherSectionThanItsRRset_IsPutBesideIt()
    {
        // Unbound's val_noadwhennodo serves the answer's RRSIG in the additional section; Unbound's parser moves it.
        TestHierarchy h = Build();
        var question = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A);
        DnsMessage response = h.Authority.Resolve(question)!;
        DnsRecord rrsig = response.Answers.Single(r => r.Type == RecordType.RRSIG);
        response.Answers.Remove(rrsig);
        response.Additionals.Add(rrsig);

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.Reason);
        Assert.Single(validation.RRsets[0].RRset.Signatures);
    }

    [Theory]
    [InlineData(false, "www.example.test.", SecurityStatus.Secure)]
    [InlineData(true, "alias.example.test.", SecurityStatus.Bogus)]
    public async Task ValidateAsync_DataBesideACname_WhicheverComesFirstIsTakenAndTheOtherLeftOut(bool dataFirst, string answered, SecurityStatus status)
    {
        // RFC 2181 §10.1 allows no data beside a CNAME; Unbound's val_cnameother takes the first of the two.
        TestHierarchy h = Build();
        var question = new DnsQuestion(DnsName.Parse("alias.example.test."), RecordType.A);
        DnsMessage response = h.Authority.Resolve(question)!;
        DnsRecord beside = Dnssec.Presentation.ZoneFileReader.Parse("alias.example.test. 3600 IN A 192.0.2.99").Single();
        response.Answers.Insert(dataFirst ? 0 : response.Answers.Count, beside);

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        // The unsigned A put first is the answer, and Bogus; put last, the signed alias chain is the answer.
        Assert.True(validation.Status == status, validation.Result.Reason);
        Assert.Equal(answered, validation.RRsets[^1].RRset.Owner.ToString());
        Assert.Equal(!dataFirst, validation.RRsets.Any(r => r.RRset.Type == RecordType.CNAME));
        Assert.Equal(RecordType.A, validation.RRsets[^1].RRset.Type);
    }

    [Fact]
    public async Task ValidateAsync_AnyAtACname_TheCnameIsTheAnswerAndIsNotFollowed()
    {
        // Unbound's val_any_cname: an ANY answer holds what the name has, a CNAME included, without chasing it.
        TestHierarchy h = Build();
        var any = new DnsQuestion(DnsName.Parse("alias.example.test."), RecordType.ANY);
        DnsMessage response = h.Authority.Resolve(any with { Type = RecordType.CNAME })!;
        response.Questions[0] = any;

        AnswerValidation validation = await h.Validator().ValidateAsync(any, response);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.Reason);
        Assert.Equal([RecordType.CNAME], validation.RRsets.Select(r => r.RRset.Type));
    }

    [Fact]
    public async Task ValidateAsync_RrsigQuestion_HandedOutAsUnvalidatableWithoutAQuery()
    {
        // Unbound's val_rrsig: RRSIGs are not signed themselves, so nothing can be proven; nothing failed either.
        TestHierarchy h = Build();
        var question = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.RRSIG);
        DnsMessage response = h.Authority.Resolve(question with { Type = RecordType.A })!;
        response.Questions[0] = question;
        response.Answers.RemoveAll(r => r.Type != RecordType.RRSIG);
        int before = h.Authority.Queries;

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        Assert.Equal(SecurityStatus.Indeterminate, validation.Status);
        Assert.True(validation.Result.Unvalidatable, validation.Result.Reason);
        Assert.Equal(RecordType.RRSIG, validation.RRsets.Single().RRset.Type);
        Assert.Equal(before, h.Authority.Queries);
    }

    [Fact]
    public async Task ValidateAsync_DnameSynthesisedFromAWildcard_IsBogus()
    {
        // RFC 4592 §4.4 and Unbound's val_dnamewc: a DNAME owned by a wildcard is no authentic redirection.
        TestHierarchy h = Build();
        List<DnsRecord> wildcard = [.. Dnssec.Presentation.ZoneFileReader.Parse("*.example.test. 3600 IN DNAME example.net.")];
        DnsRecord rrsig = Dnssec.Crypto.RrsetSigner.Sign(wildcard, h.ZoneSigningKeys[DnsName.Parse("example.test.")], TestHierarchy.Now.AddDays(-1), TestHierarchy.Now.AddDays(30));
        DnsName sub = DnsName.Parse("sub.example.test.");
        var question = new DnsQuestion(DnsName.Parse("www.sub.example.test."), RecordType.A);
        var response = new DnsMessage { Flags = DnsHeaderFlags.Response };
        response.Questions.Add(question);
        response.Answers.AddRange([wildcard[0].WithOwner(sub), rrsig.WithOwner(sub), .. Dnssec.Presentation.ZoneFileReader.Parse("www.sub.example.test. 3600 IN CNAME www.example.net.")]);

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        Assert.Equal(SecurityStatus.Bogus, validation.Status);
        Assert.Contains("wildcard", validation.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_NxdomainForAnEmptyNonTerminal_AnsweredAsTheNoDataItsRecordsProve()
    {
        // Unbound's val_nodata_entnx: the server says NXDOMAIN, the NSEC shows b.c.example.test. exists (a.b.c is below).
        TestHierarchy h = Build();
        var question = new DnsQuestion(DnsName.Parse("b.c.example.test."), RecordType.A);
        DnsMessage response = h.Authority.Resolve(question)!;
        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        response.ResponseCode = DnsResponseCode.NXDomain;

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.Reason);
        Assert.Equal(DnsResponseCode.NoError, validation.ResponseCode);
    }

    [Fact]
    public async Task ValidateAsync_NxdomainForTheDsOfAnUnsignedDelegation_BogusNotInsecure()
    {
        // Campaign seed 8888, hierarchy 129: the rcode of the DS answer forged to NXDOMAIN, beside the parent's NSEC that
        // shows the delegation exists without DS. The DS RRset is the parent's (RFC 4035 §5.2), so the unsigned child
        // does not make the failed proof Insecure: the forged NXDOMAIN is Bogus, as delv says.
        var h = new TestHierarchy();
        h.Zone("example.test.", z => z.Records = ValidationScenarios.StandardRecords);
        h.Zone("unsigned.example.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        h.Build();
        var question = new DnsQuestion(DnsName.Parse("unsigned.example.test."), RecordType.DS);
        DnsMessage response = h.Authority.Resolve(question)!;
        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        response.ResponseCode = DnsResponseCode.NXDomain;

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        Assert.True(validation.Status == SecurityStatus.Bogus, validation.Result.Reason);
    }

    [Theory]
    [InlineData(DnsResponseCode.YXDomain, SecurityStatus.Indeterminate)]
    [InlineData(DnsResponseCode.NoError, SecurityStatus.Bogus)]
    public async Task ValidateAsync_DnameSubstitutionTooLong_YxdomainIsHandedOutUnvalidated(DnsResponseCode code, SecurityStatus status)
    {
        // RFC 6672 §2.2 and Unbound's val_dnametoolong: the overflow is answered with the DNAME and YXDOMAIN.
        TestHierarchy h = Build();
        string label = new('a', 63);
        List<DnsRecord> dname = [.. Dnssec.Presentation.ZoneFileReader.Parse($"long.example.test. 3600 IN DNAME {label}.{label}.{label}.")];
        DnsRecord rrsig = Dnssec.Crypto.RrsetSigner.Sign(dname, h.ZoneSigningKeys[DnsName.Parse("example.test.")], TestHierarchy.Now.AddDays(-1), TestHierarchy.Now.AddDays(30));
        var question = new DnsQuestion(DnsName.Parse($"{label}.{new string('b', 60)}.long.example.test."), RecordType.A);
        var response = new DnsMessage { Flags = DnsHeaderFlags.Response, ResponseCode = code };
        response.Questions.Add(question);
        response.Answers.AddRange([dname[0], rrsig]);

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        Assert.True(validation.Status == status, validation.Result.Reason);
        Assert.Equal(code == DnsResponseCode.YXDomain, validation.Result.Unvalidatable);
    }

    [Theory]
    [InlineData(true, ExtendedDnsErrorCode.RrsigsMissing)]
    [InlineData(false, ExtendedDnsErrorCode.NsecMissing)]
    public async Task ValidateAsync_NoDataWithoutDenialRecords_StrippedSoaIsRrsigsMissing(bool keepSoa, ExtendedDnsErrorCode error)
    {
        // Unbound's val_cnametonodata_nonsec: an unsigned SOA and no NSEC mean stripped signatures (EDE 10); nothing at all is EDE 12.
        TestHierarchy h = Build();
        var question = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.MX);
        DnsMessage response = h.Authority.Resolve(question)!;
        response.Authorities.RemoveAll(r => !(keepSoa && r.Type == RecordType.SOA));

        AnswerValidation validation = await h.Validator().ValidateAsync(question, response);

        Assert.Equal(SecurityStatus.Bogus, validation.Status);
        Assert.Equal(error, validation.Result.Error);
    }

    [Theory]
    [InlineData(false, SecurityStatus.Secure)]
    [InlineData(true, SecurityStatus.Bogus)]
    public async Task ValidateAsync_DsListsAnAlgorithmThatSignsNothing_IsBogusOnlyWhenEveryAlgorithmIsRequired(bool requireEvery, SecurityStatus expected)
    {
        // Unbound's val_ta_algo_missing: the DS RRset also names an RSA key the zone never signs with, as an attacker
        // who strips the stronger algorithm's signatures would leave it.
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = ValidationScenarios.StandardRecords;
            z.AlterDs = ds => [.. ds, DsDigest.CreateDs(SigningKey.Generate(z.Origin, DnssecAlgorithm.RSASHA256, 257, 1024).Dnskey, z.DsDigest, 3600)];
        });
        h.Build();

        AnswerValidation validation = await h.ValidateAsync("www.example.test.", RecordType.A, h.Validator(new ValidatorOptions { RequireEveryDsAlgorithm = requireEvery }));

        Assert.True(expected == validation.Status, validation.Result.Reason);
        if (requireEvery)
        {
            Assert.Contains("not signed in every algorithm", validation.Result.Reason, StringComparison.Ordinal);
        }
    }
}
