"""Every lesson of the course, converted by `tei notebook` and run through nbclient on the tei
kernel, shows what `tei run` shows: each cell's text outputs, in order, are the lesson's golden
output (Examples/NN-*.out), to the letter; and every table has its HTML, every chart its SVG."""
import glob
import os
import subprocess
import unittest

import nbformat
from nbclient import NotebookClient

from kernel_support import KERNEL_NAME, REPOSITORY, TEI, WORK, normalized


class LessonNotebookTests(unittest.TestCase):
    def test_every_lesson_runs_as_a_notebook_with_its_golden_output(self):
        lessons = sorted(glob.glob(os.path.join(REPOSITORY, "Examples", "*.tei")))
        lessons = [path for path in lessons if os.path.exists(path[:-4] + ".out")]
        self.assertGreater(len(lessons), 5)
        for lesson in lessons:
            with self.subTest(lesson=os.path.basename(lesson)):
                if self.directives(lesson):
                    self.skipTest("{} runs with {}, which a notebook cannot give".format(lesson, self.directives(lesson)))
                self.check(lesson)

    @staticmethod
    def directives(lesson):
        """The golden test's header directives (`# args: …`, `# exit: N`) of a lesson."""
        found = []
        with open(lesson, encoding="utf-8") as script:
            for line in script:
                if not line.startswith("#"):
                    break
                body = line[1:].strip()
                if body.startswith(("args:", "exit:")):
                    found.append(body)
        return found

    def check(self, lesson):
        notebook_path = os.path.join(WORK, os.path.basename(lesson)[:-4] + ".ipynb")
        subprocess.run([TEI, "notebook", lesson, "-o", notebook_path], check=True, capture_output=True)
        notebook = nbformat.read(notebook_path, as_version=4)
        nbformat.validate(notebook)
        # Relative paths in a lesson are relative to its folder, where the kernel runs.
        NotebookClient(notebook, kernel_name=KERNEL_NAME, timeout=120,
                       resources={"metadata": {"path": os.path.dirname(lesson)}}).execute()
        shown = []
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            for output in cell.outputs:
                self.assertNotEqual(output.output_type, "error", f"{cell.source}: {output.get('evalue')}")
                if output.output_type in ("display_data", "execute_result"):
                    data = output["data"]
                    shown.append(data["text/plain"])
                    self.assertTrue("text/html" in data or "image/svg+xml" in data or cell.source.lstrip().startswith("explain"),
                                    f"{cell.source}: a table has HTML, a chart SVG")
                    if "image/svg+xml" in data:
                        self.assertIn("<svg", data["image/svg+xml"])
                    if "text/html" in data:
                        self.assertIn("<table>", data["text/html"])
                elif output.output_type == "stream" and output.name == "stdout":
                    shown.append(output.text.rstrip("\n"))
        with open(lesson[:-4] + ".out", encoding="utf-8") as golden:
            expected = golden.read()
        actual = "\n\n".join(shown) + "\n" if shown else ""
        self.assertEqual(normalized(actual), normalized(expected))


if __name__ == "__main__":
    unittest.main()
