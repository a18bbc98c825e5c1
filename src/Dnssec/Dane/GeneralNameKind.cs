namespace Dnssec.Dane;

/// <summary>The choices of GeneralName (RFC 5280 §4.2.1.6), numbered by their context tags.</summary>
internal enum GeneralNameKind
{
    /// <summary>otherName [0]: a type identifier and a value.</summary>
    OtherName = 0,
    /// <summary>rfc822Name [1]: an e-mail address.</summary>
    Rfc822Name = 1,
    /// <summary>dNSName [2].</summary>
    DnsName = 2,
    /// <summary>x400Address [3].</summary>
    X400Address = 3,
    /// <summary>directoryName [4]: a distinguished name.</summary>
    DirectoryName = 4,
    /// <summary>ediPartyName [5].</summary>
    EdiPartyName = 5,
    /// <summary>uniformResourceIdentifier [6].</summary>
    UniformResourceIdentifier = 6,
    /// <summary>iPAddress [7]: 4 or 16 octets, or twice that with a mask in a name constraint.</summary>
    IPAddress = 7,
    /// <summary>registeredID [8].</summary>
    RegisteredId = 8,
}
