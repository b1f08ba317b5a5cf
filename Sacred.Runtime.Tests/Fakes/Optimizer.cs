namespace Sacred.Runtime.Tests.Fakes;

public enum Optimizer
{
    Adam,
    Sgd,
}
