namespace Dnssec.Differential.Comparison;

/// <summary>The security outcome the comparison looks at: RFC 4035 §4.3's states, with everything that is not handed out as Bogus.</summary>
public enum Outcome
{
    /// <summary>Proven: Unbound sets AD, delv says "fully validated", ours says Secure.</summary>
    Secure,

    /// <summary>Proven to be unsigned (or beyond a limit that makes it so): data without AD.</summary>
    Insecure,

    /// <summary>Not handed out: SERVFAIL, a validation failure, or ours Bogus or Indeterminate.</summary>
    Bogus,
}
