using Dnssec.Validation;

namespace Dnssec.Tests.Validation;

public sealed class ValidationBudgetTests
{
    [Theory]
    [InlineData("one refusal", 1)]
    [InlineData("many refusals", 100)]
    public void TrySpend_AfterAllowanceSpent_RefusesWithoutCountingTheRefusals(string description, int refusals)
    {
        var budget = new ValidationBudget(new ValidationLimits { SignatureAttemptsPerAnswer = 3, Nsec3HashesPerAnswer = 2 });
        for (int i = 0; i < 3; i++)
        {
            Assert.True(budget.TrySpendSignature(), description);
        }

        for (int i = 0; i < 2; i++)
        {
            Assert.True(budget.TrySpendHash(), description);
        }

        for (int i = 0; i < refusals; i++)
        {
            Assert.False(budget.TrySpendSignature());
            Assert.False(budget.TrySpendHash());
        }

        Assert.Equal(3, budget.SignaturesUsed);
        Assert.Equal(2, budget.HashesUsed);
        Assert.True(budget.SignaturesExhausted);
        Assert.True(budget.HashesExhausted);
    }

    [Fact]
    public void TrySpendSignature_FromManyThreads_GrantsExactlyTheAllowance()
    {
        var budget = new ValidationBudget(new ValidationLimits { SignatureAttemptsPerAnswer = 500 });
        int granted = 0;

        Parallel.For(0, 2000, _ =>
        {
            if (budget.TrySpendSignature())
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(500, granted);
        Assert.Equal(500, budget.SignaturesUsed);
    }
}
