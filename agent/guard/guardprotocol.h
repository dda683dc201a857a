#pragma once

// The conversation between hacmp-agent and hacmp-guard (docs/protocol.md W3, W5) over a local stream
// socket, one message per line, words separated by single spaces. Plain C++ so that the guard needs
// no Qt. Times are absolute milliseconds of CLOCK_MONOTONIC, which both processes share on one host.
//
// agent -> guard
//   HELLO <incarnation-hex>          first line of every connection (a re-attaching agent too)
//   DEADLINE <ms>                     the absolute lease deadline; only ever moves forward
//   START <epoch> <json-spec>         start the application (spec: argv, env, user, group, cwd,
//                                     stop_grace_ms, node, cluster_dir); refused unless now < deadline
//   STOP <grace-ms>                   SIGTERM to the application's process group, SIGKILL grace later
//   QUIT                              stop the application now (if any) and exit (a clean stop)
//
// guard -> agent
//   STATE idle <deadline>             answer to HELLO: nothing runs
//   STATE running <pid> <epoch> <deadline>   answer to HELLO: an application runs (re-attach)
//   STARTED <pid>                     the application runs in its own process group
//   REFUSED <reason...>               START refused (deadline passed, already running, spawn failed)
//   EXITED <cause> <status>           cause: exited | signaled | deadline | stopped; status: exit code
//                                     or signal number
//   ERROR <text...>                   a message it could not understand
//
// When the connection closes the guard keeps its deadline, waits for a new HELLO, and kills the
// application at the deadline if no agent renewed it. With no application and no agent for
// kGuardIdleExitMs it exits.
//
// The end file: when the application ends while no agent that said HELLO is attached (the agent died and
// the guard killed it at the deadline, or it ended by itself), a guard started with --state-dir DIR writes
// DIR/<node>.app-end.json (node: the START spec's), durably, replacing an older one (applicationend.h):
//   {"format":1,"node":"alpha","epoch":7,"pid":4242,"time":"2026-12-07T14:50:32.123Z","cause":"deadline","status":15}
// time: UTC, when the stop began (SIGTERM) or when it ended by itself; cause and status as in EXITED.
// The next agent of the node writes it to the history as the term's end and removes the file.

namespace hacmp::guard {

inline constexpr const char *kHello = "HELLO";
inline constexpr const char *kDeadline = "DEADLINE";
inline constexpr const char *kStart = "START";
inline constexpr const char *kStop = "STOP";
inline constexpr const char *kQuit = "QUIT";
inline constexpr const char *kState = "STATE";
inline constexpr const char *kStarted = "STARTED";
inline constexpr const char *kRefused = "REFUSED";
inline constexpr const char *kExited = "EXITED";
inline constexpr const char *kError = "ERROR";

inline constexpr long long kGuardIdleExitMs = 60000;
inline constexpr unsigned kMaxLineBytes = 65536;

} // namespace hacmp::guard
