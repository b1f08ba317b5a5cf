return Mnist.DigitClassifier.Run(args);
