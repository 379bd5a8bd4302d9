-- report.lua's counters, plus the mixed requests of mixed.lua, in one script (wrk takes one).
local report = loadfile(os.getenv("WRK_DIR") .. "/report.lua")
local mixed = loadfile(os.getenv("WRK_DIR") .. "/mixed.lua")
report()
local report_response, report_setup, report_done = response, setup, done
mixed()
response, setup, done = report_response, report_setup, report_done
