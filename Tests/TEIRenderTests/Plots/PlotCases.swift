import TEIRender

/// Fixed charts the golden tests draw: every kind, with the edge cases the issue lists.
enum PlotCases {
    static let day = 86_400.0
    /// 2017-01-01 00:00 UTC.
    static let newYear2017 = 1_483_228_800.0

    static let countries = BarChart(
        labels: ["RU", "IR", "VE", "CN 中国", "an account label far too long to fit in the column"],
        values: [12_345, 8_000.5, 450, nil, 30])

    static let changes = BarChart(
        labels: ["retweets", "replies", "quotes"],
        series: [Series("2017", [30, -12, 0]), Series("2018", [12, -40, 5])])

    static let followers = Histogram(edges: [0, 10, 20, 30, 40, 50, 60], counts: [3, 10, 25, 14, 5, 1])

    /// Tweets per account: most accounts post little, three busy ones sit alone in the last bins,
    /// and some bins are empty.
    static let tweetsPerAccount = Histogram(
        edges: (0...10).map { Double($0 * 100) }, counts: [81, 19, 4, 0, 0, 2, 0, 1, 0, 1])

    static let accountCreation = Histogram(
        edges: (0...6).map { newYear2017 + Double($0) * 30 * day },
        counts: [120, 340, 90, 0, 45, 210], axis: .time)

    static let dailyTweets: LineChart = {
        var tweets: [Double?] = [], retweets: [Double?] = []
        for i in 0..<60 {
            tweets.append(Double((i * 37) % 23 + i))
            retweets.append(i == 30 ? nil : Double((i * 11) % 17 + 40))
        }
        return LineChart(x: (0..<60).map { newYear2017 + Double($0) * day }, axis: .time,
                         series: [Series("tweets", tweets), Series("retweets", retweets)])
    }()

    static let singleLine = LineChart(
        x: (0..<40).map(Double.init), series: [Series("share", (0..<40).map { Double($0 * $0) / 16 })])

    static let hourByWeekday: Heatmap = {
        var values: [[Double?]] = []
        for weekday in 0..<7 {
            var row: [Double?] = []
            for hour in 0..<24 { row.append(Double((hour * 7 + weekday * 13) % 40)) }
            values.append(row)
        }
        values[2][5] = nil
        return Heatmap(xLabels: (0..<24).map(String.init),
                       yLabels: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], values: values)
    }()

    static let perAccount = Sparklines(rows: [
        Series("acct_a", [1, 2, 3, 5, 8, 13, 21, 13, 8, 5, 3, 2, 1]),
        Series("acct_b", [5, 5, 5, 5]),
        Series("acct_c", [nil, 1, 10, 100, nil, 4]),
    ])

    static let likesVsRetweets: ScatterChart = {
        var points: [ScatterPoint] = []
        for i in 0..<40 {
            let y = Double((i * i) % 50)
            points.append(ScatterPoint(x: Double(i), y: y, series: i % 2 == 0 ? "even" : "odd"))
        }
        points.append(ScatterPoint(x: nil, y: 3))
        return ScatterChart(points: points)
    }()

    /// Name, chart and options of each golden case; each is drawn in Unicode and in ASCII.
    static let all: [(name: String, chart: Chart, options: ChartOptions)] = [
        ("bar", .bar(countries), ChartOptions(width: 60, title: "Tweets per country")),
        ("bar-negative-series", .bar(changes), ChartOptions(width: 60)),
        ("bar-log", .bar(BarChart(labels: ["a", "b", "c", "d"], values: [1, 10, 1_000, 0])),
         ChartOptions(width: 50, scale: .log)),
        ("bar-one-row", .bar(BarChart(labels: ["only"], values: [7])), ChartOptions(width: 40)),
        ("bar-all-equal", .bar(BarChart(labels: ["x", "y", "z"], values: [4, 4, 4])), ChartOptions(width: 40)),
        ("bar-many-categories", .bar(BarChart(labels: (0..<2_320).map { "user\($0)" },
                                              values: (0..<2_320).map { Double(($0 * 7_919) % 2_320) })),
         ChartOptions(width: 60, maxCategories: 5)),
        ("hist", .histogram(followers), ChartOptions(width: 60, height: 12, title: "Followers")),
        ("hist-time", .histogram(accountCreation), ChartOptions(width: 60, height: 10)),
        ("hist-short", .histogram(tweetsPerAccount), ChartOptions(width: 50, height: 6)),
        ("hist-log-empty-bins", .histogram(tweetsPerAccount), ChartOptions(width: 50, height: 10, scale: .log)),
        ("line-time", .line(dailyTweets), ChartOptions(width: 70, height: 14, title: "Daily tweets")),
        ("line-single", .line(singleLine), ChartOptions(width: 50, height: 10)),
        ("line-log", .line(singleLine), ChartOptions(width: 50, height: 10, scale: .log)),
        ("heatmap", .heatmap(hourByWeekday), ChartOptions(width: 60, title: "Hour x weekday")),
        ("spark", .sparklines(perAccount), ChartOptions(width: 40)),
        ("scatter", .scatter(likesVsRetweets), ChartOptions(width: 60, height: 12)),
        ("empty", .bar(BarChart(labels: [], values: [])), ChartOptions(title: "Nothing")),
    ]
}
