"""The tei kernel through the real protocol: session semantics across cells, errors and
interrupts it survives, completion, inspection, is_complete, and bad frames it drops."""
import os
import signal
import time
import unittest

from kernel_support import FIXTURE_TWEETS, execute, plain, start_kernel

# Every pair of the fixture's tweets, counted: a query that runs for minutes unless interrupted.
LONG_QUERY = 'let t = load "{}"\nt{} | group (n = count())'.format(FIXTURE_TWEETS, " | join t on userid" * 4)


class KernelProtocolTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.manager, cls.client = start_kernel()
        reply, _ = execute(cls.client, 'let tweets = load "{}"'.format(FIXTURE_TWEETS))
        assert reply["content"]["status"] == "ok", reply["content"]

    @classmethod
    def tearDownClass(cls):
        cls.client.stop_channels()
        cls.manager.shutdown_kernel(now=False)

    def test_a_table_is_the_cells_result_with_html_and_text_and_underscore_names_it(self):
        reply, outputs = execute(self.client, "tweets | group userid (n = count()) | sort -n | take 2")
        self.assertEqual(reply["content"]["status"], "ok")
        number = reply["content"]["execution_count"]
        [result] = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(result["content"]["execution_count"], number)
        self.assertIn("<table>", result["content"]["data"]["text/html"])
        self.assertIn("2 rows", result["content"]["data"]["text/plain"])
        # `_` and `_N` name that result, N being the execution count Jupyter shows.
        for name in ("_", "_{}".format(number)):
            reply, outputs = execute(self.client, name + " | take 1 | select n")
            self.assertEqual(reply["content"]["status"], "ok", reply["content"])
            [shown] = [m for m in outputs if m["msg_type"] == "execute_result"]
            self.assertIn("1 row", shown["content"]["data"]["text/plain"])

    def test_a_long_table_shows_its_first_hundred_rows_and_counts_the_rest(self):
        reply, outputs = execute(self.client, "tweets | select tweetid")
        self.assertEqual(reply["content"]["status"], "ok")
        [result] = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertTrue(result["content"]["data"]["text/plain"].endswith("showing first 100 of 1,800 rows"))
        self.assertEqual(result["content"]["data"]["text/html"].count("<tr>"), 101)

    def test_a_chart_has_svg_and_its_text(self):
        reply, outputs = execute(self.client, "tweets | group tweet_language (n = count()) | plot bar tweet_language n")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        [chart] = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertTrue(chart["content"]["data"]["image/svg+xml"].lstrip().startswith(("<?xml", "<svg")))
        self.assertIn("─", chart["content"]["data"]["text/plain"] + "─")

    def test_an_error_shows_the_diagnostic_with_its_caret_then_the_next_cell_works(self):
        reply, outputs = execute(self.client, "tweets | filter nosuchcolumn > 1")
        self.assertEqual(reply["content"]["status"], "error")
        [error] = [m for m in outputs if m["msg_type"] == "error"]
        traceback = plain("\n".join(error["content"]["traceback"]))
        self.assertIn("nosuchcolumn", traceback)
        self.assertIn("^", traceback)
        self.assertIn("nosuchcolumn", error["content"]["evalue"])
        reply, outputs = execute(self.client, "tweets | group (n = count())")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertTrue(any(m["msg_type"] == "execute_result" for m in outputs))

    def test_warnings_and_import_progress_go_to_the_stderr_stream(self):
        reply, outputs = execute(self.client, 'load "Fixtures/malformed/nul_bytes.csv" | count')
        self.assertEqual(reply["content"]["status"], "ok")
        stderr = plain("".join(m["content"]["text"] for m in outputs
                               if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"))
        self.assertIn("warning: dropped 1 NUL byte", stderr)
        self.assertRegex(stderr, r"importing \S*nul_bytes.csv \[#+\] 100%")
        self.assertTrue(any(m["msg_type"] == "execute_result" for m in outputs))

    def test_a_meta_command_writes_to_the_stream(self):
        reply, outputs = execute(self.client, ":schema tweets")
        self.assertEqual(reply["content"]["status"], "ok")
        text = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertIn("tweetid", text)
        reply, outputs = execute(self.client, ":nosuchcommand")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("unknown command", reply["content"]["evalue"])

    def test_interrupt_stops_a_running_query_and_the_kernel_lives_on(self):
        msg_id = self.client.execute(LONG_QUERY)
        time.sleep(1.5)
        started = time.monotonic()
        self.manager.interrupt_kernel()
        reply = self.client.get_shell_msg(timeout=30)
        while reply["parent_header"]["msg_id"] != msg_id:
            reply = self.client.get_shell_msg(timeout=30)
        self.assertLess(time.monotonic() - started, 10, "the interrupt stops the query promptly")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("interrupted", reply["content"]["evalue"])
        reply, outputs = execute(self.client, "tweets | group (n = count())")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("1800", outputs[-1]["content"]["data"]["text/plain"])

    def test_cells_queued_behind_an_interrupted_one_do_not_run(self):
        # "Run All" stops at the first error: the cells already sent are aborted, not run.
        first = self.client.execute(LONG_QUERY)
        second = self.client.execute("tweets | take 1")
        time.sleep(1.5)
        self.manager.interrupt_kernel()
        replies = {}
        while len(replies) < 2:
            reply = self.client.get_shell_msg(timeout=30)
            replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        self.assertEqual(replies, {first: "error", second: "aborted"})
        reply, _ = execute(self.client, "tweets | take 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_sigint_interrupts_as_well(self):
        # Jupyter's other interrupt mode signals the kernel's process.
        msg_id = self.client.execute(LONG_QUERY)
        time.sleep(1.5)
        os.kill(self.manager.provisioner.process.pid, signal.SIGINT)
        reply = self.client.get_shell_msg(timeout=30)
        while reply["parent_header"]["msg_id"] != msg_id:
            reply = self.client.get_shell_msg(timeout=30)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        reply, _ = execute(self.client, "tweets | take 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_completion_offers_the_columns_flowing_into_a_step(self):
        code = "tweets | filter retweet_c"
        self.client.complete(code, len(code))
        reply = self.client.get_shell_msg(timeout=10)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("retweet_count", reply["content"]["matches"])
        self.assertEqual(reply["content"]["cursor_start"], len(code) - len("retweet_c"))
        self.assertEqual(reply["content"]["cursor_end"], len(code))

    def test_completion_counts_code_points_not_bytes(self):
        code = 'let é = "ü"\ntweets | sel'
        self.client.complete(code, len(code))
        reply = self.client.get_shell_msg(timeout=10)
        self.assertEqual(reply["content"]["matches"], ["select"])
        self.assertEqual(reply["content"]["cursor_start"], len(code) - 3)

    def test_inspect_shows_a_tables_schema_and_a_functions_help(self):
        self.client.inspect("tweets | take 3", 3)
        reply = self.client.get_shell_msg(timeout=10)
        self.assertTrue(reply["content"]["found"])
        schema = reply["content"]["data"]["text/plain"]
        self.assertIn("tweetid", schema)
        self.assertIn("retweet_count", schema)
        self.client.inspect("tweets | group (n = count_distinct(userid))", 28)
        reply = self.client.get_shell_msg(timeout=10)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("count_distinct(", reply["content"]["data"]["text/plain"])
        self.client.inspect("nosuchname", 4)
        reply = self.client.get_shell_msg(timeout=10)
        self.assertFalse(reply["content"]["found"])

    def test_is_complete_waits_for_a_pipeline_ending_in_a_bar(self):
        for code, status in [("tweets |", "incomplete"), ("tweets | take 3", "complete"),
                             ("let x = (1 +", "incomplete"), (":help", "complete"), ("tweets | take )", "invalid")]:
            self.client.is_complete(code)
            reply = self.client.get_shell_msg(timeout=10)
            self.assertEqual(reply["content"]["status"], status, code)


class KernelLifetimeTests(unittest.TestCase):
    def test_the_heartbeat_answers(self):
        manager, client = start_kernel()
        try:
            time.sleep(1)
            self.assertTrue(client.hb_channel.is_beating())
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=False)

    def test_shutdown_during_a_long_query_stops_it_and_exits_cleanly(self):
        manager, client = start_kernel()
        process = manager.provisioner.process
        client.execute(LONG_QUERY)
        time.sleep(1.5)
        started = time.monotonic()
        client.shutdown()
        self.assertEqual(process.wait(timeout=20), 0)
        self.assertLess(time.monotonic() - started, 10)
        client.stop_channels()
        manager.cleanup_resources()

    def test_shutdown_request_ends_the_process_cleanly(self):
        manager, client = start_kernel()
        process = manager.provisioner.process
        client.shutdown()
        reply = client.get_control_msg(timeout=10) if hasattr(client, "get_control_msg") else None
        if reply is not None:
            self.assertEqual(reply["msg_type"], "shutdown_reply")
        self.assertEqual(process.wait(timeout=10), 0)
        client.stop_channels()
        manager.cleanup_resources()


if __name__ == "__main__":
    unittest.main()
