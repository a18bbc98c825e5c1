namespace Dnssec.Validation;

/// <summary>Adds zone results to an answer's chain once each, in the order met.</summary>
internal sealed class ChainCollector(List<ZoneKeys> chain) : ICollection<ZoneKeys>
{
    /// <inheritdoc/>
    public int Count => chain.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public void Add(ZoneKeys item)
    {
        foreach (ZoneKeys existing in chain)
        {
            if (existing.Zone.Equals(item.Zone))
            {
                return;
            }
        }

        chain.Add(item);
    }

    /// <inheritdoc/>
    public void Clear() => chain.Clear();

    /// <inheritdoc/>
    public bool Contains(ZoneKeys item) => chain.Contains(item);

    /// <inheritdoc/>
    public void CopyTo(ZoneKeys[] array, int arrayIndex) => chain.CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public bool Remove(ZoneKeys item) => chain.Remove(item);

    /// <inheritdoc/>
    public IEnumerator<ZoneKeys> GetEnumerator() => chain.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
