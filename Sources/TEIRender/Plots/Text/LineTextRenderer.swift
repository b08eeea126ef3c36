/// Draws a line chart: each series joined in x order, broken where a value is missing.
struct LineTextRenderer {
    let chart: LineChart
    let options: ChartOptions

    func render() throws -> String {
        let (data, notes) = try LineData.make(chart, scale: options.scale)
        return XYPlotText(data: data, options: options).render(notes: notes)
    }
}
