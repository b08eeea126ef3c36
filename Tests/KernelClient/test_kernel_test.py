"""jupyter_kernel_test's conformance checks for the message types the tei kernel handles:
kernel_info, execute (results, display data, stderr, errors), complete, inspect, is_complete
and history."""
import unittest

import jupyter_kernel_test

from kernel_support import FIXTURE_TWEETS

TWEETS = 'load "{}"'.format(FIXTURE_TWEETS)


class TeiKernelConformanceTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tei"
    language_name = "tei"
    file_extension = ".tei"

    code_stderr = ":time off"
    code_generate_error = "nosuchtable | take 1"
    code_execute_result = [{"code": TWEETS + " | group (n = count())", "mime": "text/html"}]
    code_display_data = [
        {"code": TWEETS + " | take 1\n" + TWEETS + " | take 2", "mime": "text/html"},
        {"code": TWEETS + " | group tweet_language (n = count()) | plot bar tweet_language n", "mime": "image/svg+xml"},
    ]
    code_history_pattern = "*group (n = count())*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "count_distinct"

    completion_samples = [
        {"text": "let x = 1\nx | fil", "matches": {"filter"}},
        {"text": ":sch", "matches": {":schema"}},
    ]
    complete_code_samples = ["let x = 1", ":help", TWEETS + " | take 1"]
    incomplete_code_samples = ["let x =", TWEETS + " |", "let y = (1 +"]
    invalid_code_samples = ["let = 1", "take )"]


if __name__ == "__main__":
    unittest.main()
