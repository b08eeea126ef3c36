/// Draws a scatter chart: one dot per point, one mark (or color) per series.
struct ScatterTextRenderer {
    let chart: ScatterChart
    let options: ChartOptions

    func render() -> String {
        let (data, notes) = ScatterData.make(chart, scale: options.scale)
        return XYPlotText(data: data, options: options).render(notes: notes)
    }
}
