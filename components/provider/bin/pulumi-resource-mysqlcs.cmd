@echo off
rem pulumi-resource-mysqlcs.cmd [flags] [engine-address]
rem The Windows twin of pulumi-resource-mysqlcs (bash), found by the engine beside it (pulumi/pulumi
rem sdk/go/common/workspace/plugins.go: candidate extensions .exe and .cmd on Windows). Same logic: build on first use
rem or when sources changed, under the checkout's build lock; one class-data archive per JVM; JVM logging on stderr,
rem only the port line on stdout; the decrypted stack config the engine passes (PULUMI_CONFIG) kept from the JVM
rem and its children.
rem PowerShell (in every Windows) compares file times; no parenthesized block holds a quoted command.
setlocal
set "PULUMI_CONFIG="
set "PULUMI_CONFIG_SECRET_KEYS="
set "bin=%~dp0"
set "bin=%bin:~0,-1%"
for %%d in ("%bin%\..") do set "module=%%~fd"
for %%d in ("%module%\..\..") do set "root=%%~fd"
set "target=%module%\target"

set "java="
if defined JAVA_HOME set "java=%JAVA_HOME%\bin\java.exe"
if not defined java for /f "delims=" %%j in ('where java') do if not defined java set "java=%%~fj"
rem pulumi-java#2270: hangs on 2 cores under JDK 25. A plugin must start fast. JVM logging (default: warnings to
rem stdout) goes to stderr, never before the port line; an archive of another JVM is ignored without a word.
set flags=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds=off:stderr -Xlog:cds+dynamic=off:stderr -Dslf4j.internal.verbosity=ERROR

rem One class-data archive per JVM: keyed on the JVM's installation (its release file) and path.
for %%d in ("%java%\..\..") do set "release=%%~fd\release"
set "vm=jvm"
if exist "%release%" for /f "tokens=2 delims==" %%v in ('findstr /b "JAVA_RUNTIME_VERSION=" "%release%"') do set "vm=%%~v"
set "key=0"
for /f "usebackq delims=" %%k in (`powershell -NoProfile -NonInteractive -Command "$s = $env:java; if (Test-Path -LiteralPath $env:release) { $s += Get-Content -Raw -LiteralPath $env:release }; $h = [Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($s)); -join ($h[0..3] | ForEach-Object { $_.ToString('x2') })"`) do set "key=%%k"
set "cds=%target%\cds\mysqlcs-provider-%vm%-%key%.jsa"

rem Build and training write target (the build components\core\target too, which ./plan's build writes): they run
rem only under the checkout's build lock (StaleJarGuard.java run as a single-file program, the lock ./plan and the
rem program take), in this script run again as the lock's holder, which checks again: a second launcher started at
rem the same time waits, finds the jar built and the archive written, and does neither. target\build.running exists
rem while a build runs: a jar seen then may be half written, so this waits for the lock too.
if defined MYSQLCS_HOLDS_BUILD_LOCK goto locked
set "work=0"
set "train=0"
if exist "%root%\target\build.running" set "work=1"
call :check_build
if "%build%"=="1" set "work=1"
if "%work%"=="0" call :check_train
if "%train%"=="1" set "work=1"
if "%work%"=="0" goto run
"%java%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "%root%\src\main\java\dev\mysqlcs\stack\StaleJarGuard.java" "%root%" cmd.exe /c "%~f0" 1>&2
if errorlevel 1 exit /b 1
call :find_jar
goto run

:locked
call :check_build
if defined MYSQLCS_BUILD_UNFINISHED set "build=1"
if "%build%"=="0" goto built
echo pulumi-resource-mysqlcs: building the provider (first use or sources changed)... 1>&2
pushd "%root%"
call mvnw.cmd -q -B -Dmaven.test.skip=true package -pl components/provider -am 1>&2
if errorlevel 1 goto build_failed
popd
call :find_jar
:built
call :check_train
if "%train%"=="0" exit /b 0
rem Training run: start, print the port, exit; the JVM archives every class it loaded on the way. Written to a
rem temporary file and renamed (one trainer at a time: the lock is held).
if not exist "%target%\cds\" mkdir "%target%\cds"
"%java%" %flags% -XX:ArchiveClassesAtExit="%cds%.tmp" -cp "%jar%" dev.mysqlcs.provider.ProviderMain --train >nul 2>&1
if exist "%cds%.tmp" move /y "%cds%.tmp" "%cds%" >nul
exit /b 0

:run
rem The jar's manifest lists the exact target\lib jars of this build.
set "cp=%jar%"
if exist "%cds%" set flags=%flags% -XX:SharedArchiveFile="%cds%"
"%java%" %flags% -cp "%cp%" dev.mysqlcs.provider.ProviderMain %*
exit /b %ERRORLEVEL%

:check_build
call :find_jar
set "build=0"
if not defined jar set "build=1"
if not exist "%target%\lib\" set "build=1"
if "%build%"=="1" exit /b 0
powershell -NoProfile -NonInteractive -Command "$j = (Get-Item -LiteralPath $env:jar).LastWriteTimeUtc; $f = @(Get-ChildItem -Recurse -File -LiteralPath ($env:module + '\src\main'), ($env:root + '\components\core\src\main')) + @(Get-Item -LiteralPath ($env:module + '\pom.xml'), ($env:root + '\components\core\pom.xml'), ($env:root + '\pom.xml')); if ($f | Where-Object { $_.LastWriteTimeUtc -gt $j } | Select-Object -First 1) { exit 1 } else { exit 0 }"
if errorlevel 1 set "build=1"
exit /b 0

:check_train
set "train=0"
if not exist "%cds%" set "train=1"
if "%train%"=="1" exit /b 0
powershell -NoProfile -NonInteractive -Command "if ((Get-Item -LiteralPath $env:jar).LastWriteTimeUtc -gt (Get-Item -LiteralPath $env:cds).LastWriteTimeUtc) { exit 1 } else { exit 0 }"
if errorlevel 1 set "train=1"
exit /b 0

:build_failed
popd
exit /b 1

:find_jar
set "jar="
for %%j in ("%target%\mysqlcs-provider-*.jar") do call :take_jar "%%~fj" "%%~nj"
exit /b 0

:take_jar
echo %~2| findstr /e /c:"-tests" >nul && exit /b 0
set "jar=%~1"
exit /b 0
