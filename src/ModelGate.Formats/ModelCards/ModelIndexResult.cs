namespace ModelGate.Formats.ModelCards;

/// <summary>
/// One evaluation result from the card's <c>model-index</c> (Hub docs, "Evaluation results"):
/// <c>model-index[].results[].{task, dataset, metrics[]}</c>.
/// </summary>
public sealed record ModelIndexResult(
    string? ModelName,
    string? TaskType,
    string? TaskName,
    string? DatasetType,
    string? DatasetName,
    string? DatasetSplit,
    string? MetricType,
    string? MetricName,
    string? MetricValue);
