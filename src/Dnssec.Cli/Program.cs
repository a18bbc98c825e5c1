Console.WriteLine(Dnssec.Wire.DnsName.Parse("www.example.com"));
return 0;
