return QuickStart.Classifier.Run(args);
