using System;
using System.Runtime.InteropServices;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// Creates a directory only if nothing has its name, atomically: <c>mkdir(2)</c> and <c>CreateDirectoryW</c> fail
/// with EEXIST / ERROR_ALREADY_EXISTS when the name is taken, even by a concurrent process or another host on a
/// network file system. <see cref="System.IO.Directory.CreateDirectory(string)"/> cannot tell "I created it" from
/// "it was there", so two runs could share one id.
/// </summary>
internal static partial class ExclusiveDirectory
{
    private const int UnixEexist = 17; // Linux and macOS
    private const int WindowsAlreadyExists = 183;
    private const int WindowsFileExists = 80;
    private const int UnixWriteAndSearch = 2 | 1; // W_OK | X_OK
    private const uint PythonMkdirMode = 0b111_111_111; // 0o777 before the umask, as os.mkdir

    /// <summary>Creates <paramref name="path"/> (its parent must exist).</summary>
    /// <param name="path">The directory to create.</param>
    /// <param name="error">Why it failed, when the result is <see cref="DirectoryClaim.Failed"/>.</param>
    /// <returns>Whether this call created it.</returns>
    public static DirectoryClaim TryCreate(string path, out string error)
    {
        error = "";
        if (OperatingSystem.IsWindows())
        {
            if (CreateDirectoryW(path, 0))
            {
                return DirectoryClaim.Created;
            }

            var code = Marshal.GetLastPInvokeError();
            if (code is WindowsAlreadyExists or WindowsFileExists)
            {
                return DirectoryClaim.AlreadyExists;
            }

            error = Marshal.GetPInvokeErrorMessage(code);
            return DirectoryClaim.Failed;
        }

        if (Mkdir(path, PythonMkdirMode) == 0)
        {
            return DirectoryClaim.Created;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == UnixEexist)
        {
            return DirectoryClaim.AlreadyExists;
        }

        error = Marshal.GetPInvokeErrorMessage(errno);
        return DirectoryClaim.Failed;
    }

    /// <summary>Whether the process may create entries in an existing directory (always true on Windows).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="error">Why not.</param>
    /// <returns>True when writable.</returns>
    public static bool IsWritable(string directory, out string error)
    {
        error = "";
        if (OperatingSystem.IsWindows() || Access(directory, UnixWriteAndSearch) == 0)
        {
            return true;
        }

        error = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        return false;
    }

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mkdir(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("kernel32", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateDirectoryW(string path, nint securityAttributes);
}
