// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace digitpad::cli {

// Each subcommand gets the arguments after its name and returns the process exit status: 0 success, 1 failure
// (message on stderr naming the file and what is wrong), 130 cancelled with Ctrl+C. Usage mistakes throw
// UsageError, which main() turns into a one-line message and status 2.
int runTrain(const std::vector<std::string>& args);
int runEval(const std::vector<std::string>& args);
int runFinetune(const std::vector<std::string>& args);
int runPredict(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runEnsemble(const std::vector<std::string>& args);

} // namespace digitpad::cli
