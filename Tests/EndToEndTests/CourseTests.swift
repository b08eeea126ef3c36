import Foundation
import XCTest

/// The course in `Examples/` as a teacher receives it: every lesson says what it teaches, how long
/// it takes and where its method comes from; every lesson has a solution whose output is checked
/// (by `GoldenTests`, which runs every script beside an `.out` file); the teachers' guide lists them.
final class CourseTests: XCTestCase {
    static let examples = TEIBinary.repositoryRoot.appendingPathComponent("Examples")

    /// `NN-name.tei` files, solutions excluded, in order.
    static func lessons() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examples.path)
            .filter { $0.range(of: #"^[0-9]{2}-[a-z0-9-]+\.tei$"#, options: .regularExpression) != nil }
            .sorted()
    }

    /// The comment lines a lesson opens with, without their `# `.
    static func header(of lesson: String) throws -> [String] {
        let text = try String(contentsOf: examples.appendingPathComponent(lesson), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") }
            .map { String($0.dropFirst().drop { $0 == " " }) }
    }

    func testEveryLessonOpensWithItsObjectiveTimeMethodAndSource() throws {
        let lessons = try Self.lessons()
        XCTAssertGreaterThanOrEqual(lessons.count, 17)
        for lesson in lessons {
            let header = try Self.header(of: lesson)
            XCTAssertTrue(header.first?.hasPrefix("Lesson \(lesson.prefix(2)) — ") ?? false, "\(lesson): title line")
            // A field runs from its label to the next blank line or label.
            func field(_ label: String) -> String? {
                guard let start = header.firstIndex(where: { $0.hasPrefix(label + ":") }) else { return nil }
                let rest = header[(start + 1)...].prefix { !$0.isEmpty && $0.range(of: #"^(Objective|Time|Method|Source):"#, options: .regularExpression) == nil }
                return ([String(header[start].dropFirst(label.count + 1))] + rest).joined(separator: " ")
                    .trimmingCharacters(in: .whitespaces)
            }
            let objective = try XCTUnwrap(field("Objective"), "\(lesson): no 'Objective:' line")
            XCTAssertGreaterThan(objective.count, 30, "\(lesson): the objective says what students will be able to do")
            let time = try XCTUnwrap(field("Time"), "\(lesson): no 'Time:' line")
            let minutes = try XCTUnwrap(Int(time.replacingOccurrences(of: " minutes", with: "")), "\(lesson): 'Time: N minutes'")
            XCTAssertTrue((10...45).contains(minutes), "\(lesson): a lesson takes at most 45 minutes, not \(minutes)")
            XCTAssertNotNil(field("Method"), "\(lesson): no 'Method:' line")
            let source = try XCTUnwrap(field("Source"), "\(lesson): no 'Source:' line")
            // Author(s), "Title", where, year.
            XCTAssertNotNil(source.range(of: #"^[^"]+, "[^"]+", .*(19|20)[0-9]{2}\.?$"#, options: .regularExpression),
                            "\(lesson): the source gives author, \"title\" and year: \(source)")
        }
    }

    func testEveryLessonHasASolutionWithItsExpectedOutput() throws {
        for lesson in try Self.lessons() {
            let stem = String(lesson.dropLast(".tei".count))
            let solution = Self.examples.appendingPathComponent(stem + ".solution.tei")
            let text = try String(contentsOf: solution, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("# Solution to lesson \(lesson.prefix(2))'s exercise"), "\(stem).solution.tei: first line")
            XCTAssertTrue(text.contains("# The answer:"), "\(stem).solution.tei states its answer")
            XCTAssertTrue(FileManager.default.fileExists(atPath: Self.examples.appendingPathComponent(stem + ".solution.out").path),
                          "\(stem).solution.out: record it with TEI_RECORD=1")
            XCTAssertTrue(try String(contentsOf: Self.examples.appendingPathComponent(lesson), encoding: .utf8).contains("# Exercise:"),
                          "\(lesson) has an exercise")
        }
    }

    func testTheComparisonLessonsShowTheControlGroup() throws {
        for number in ["02", "04", "07", "08", "12", "13"] {
            let lesson = try XCTUnwrap(try Self.lessons().first { $0.hasPrefix(number) })
            let text = try String(contentsOf: Self.examples.appendingPathComponent(lesson), encoding: .utf8)
            XCTAssertTrue(text.contains("\"../Fixtures/control_"), "\(lesson) loads the control group")
        }
    }

    func testTheTeachersGuideListsEveryLessonWithItsTime() throws {
        let guide = try String(contentsOf: Self.examples.appendingPathComponent("README.md"), encoding: .utf8)
        for lesson in try Self.lessons() {
            let time = try XCTUnwrap(try Self.header(of: lesson).first { $0.hasPrefix("Time:") })
            let minutes = time.dropFirst("Time: ".count).replacingOccurrences(of: " minutes", with: "")
            let row = try XCTUnwrap(guide.split(separator: "\n").first { $0.contains("`\(lesson)`") }, "README.md lists \(lesson)")
            XCTAssertTrue(row.contains("| \(minutes) min |"), "README.md gives \(lesson)'s time (\(minutes) min): \(row)")
        }
    }
}
