namespace Dnssec.Tests.TrustAnchors;

/// <summary>
/// The CHECK_AUTOTRUST blocks of Unbound's replay scenarios with their macros evaluated ($t0 = 1251100000,
/// $probe = 5400), shared by the autotrust file tests and the anchors command tests.
/// </summary>
internal static class UnboundAutotrustSamples
{
    /// <summary>The zone's first KSK (tag 55582).</summary>
    public const string OldKey = "257 3 5 AwEAAc3Z5DQDJpH4oPdNtC4BUQHk50XMD+dHr4r8psHmivIa83hxR5CRgCtd9sENCW9Ae8OIO19xw9t/RPaEAqQa+OE=";

    /// <summary>The KSK the zone rolls to (tag 60946).</summary>
    public const string NewKey = "257 3 5 AwEAAeiaUiUIpWMfYz5L0sfJTZWnuN9IyBX4em9VjsoqQTsOD1HDQpNb4buvJo7pN2aBCxNS7e0OL8e2mVB6CLZ+8ek=";

    /// <summary>STEP 8 of autotrust_init.rpl: the first key Valid.</summary>
    public const string InitStep8 =
        "; autotrust trust anchor file\n" +
        ";;id: example.com. 1\n" +
        ";;last_queried: 1251100000 ;;Mon Aug 24 07:46:40 2009\n" +
        ";;last_success: 1251100000 ;;Mon Aug 24 07:46:40 2009\n" +
        ";;next_probe_time: 1251105400 ;;Mon Aug 24 09:16:40 2009\n" +
        ";;query_failed: 0\n" +
        ";;query_interval: 5400\n" +
        ";;retry_time: 3600\n" +
        "example.com.\t10800\tIN\tDNSKEY\t" + OldKey + " ;{id = 55582 (ksk), size = 512b} ;;state=2 [  VALID  ] ;;count=0 ;;lastchange=1251100000 ;;Mon Aug 24 07:46:40 2009\n";

    /// <summary>STEP 15 of autotrust_addpend_nosignnew.rpl: a new key in its add hold-down.</summary>
    public const string AddPendStep15 =
        "; autotrust trust anchor file\n" +
        ";;id: example.com. 1\n" +
        ";;last_queried: 1253692000 ;;Wed Sep 23 07:46:40 2009\n" +
        ";;last_success: 1253692000 ;;Wed Sep 23 07:46:40 2009\n" +
        ";;next_probe_time: 1253697400 ;;Wed Sep 23 09:16:40 2009\n" +
        ";;query_failed: 0\n" +
        ";;query_interval: 5400\n" +
        ";;retry_time: 3600\n" +
        "example.com.\t10800\tIN\tDNSKEY\t" + NewKey + " ;{id = 60946 (ksk), size = 512b} ;;state=1 [ ADDPEND ] ;;count=1 ;;lastchange=1253692000 ;;Wed Sep 23 07:46:40 2009\n" +
        "example.com.\t10800\tIN\tDNSKEY\t" + OldKey + " ;{id = 55582 (ksk), size = 512b} ;;state=2 [  VALID  ] ;;count=0 ;;lastchange=1251100000 ;;Mon Aug 24 07:46:40 2009\n";
}
