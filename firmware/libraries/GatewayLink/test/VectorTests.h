#pragma once

#include <string>

// One test case per vector of the shared file.
void runVectorCases(const std::string& path);
