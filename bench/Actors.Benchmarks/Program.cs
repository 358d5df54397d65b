Console.WriteLine("benchmarks: coming");
