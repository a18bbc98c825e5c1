using System.ComponentModel;
using System.Globalization;

namespace Dnssec.Resolver;

/// <summary>Converts configuration strings to <see cref="UpstreamServer"/> for the configuration binder, which finds converters through <see cref="TypeConverterAttribute"/>.</summary>
internal sealed class UpstreamServerConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? UpstreamServer.Parse(text) : base.ConvertFrom(context, culture, value);

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is UpstreamServer server ? server.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
